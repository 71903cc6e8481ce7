package trafficlight.localhub;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * What localhub serves HTTPS with: a PEM certificate chain (leaf first) and its unencrypted PKCS#8
 * PEM key ({@code BEGIN PRIVATE KEY}, RSA or EC), as {@code openssl req -newkey ... -nodes} writes
 * them.
 */
public record TlsIdentity(Path certificateFile, Path keyFile) {

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  private static final char[] NO_PASSWORD = new char[0];

  /** The server side of TLS; an unusable file is an {@link IllegalArgumentException} saying why. */
  SSLContext serverContext() {
    List<? extends Certificate> chain = certificates();
    PrivateKey key = privateKey(chain.get(0).getPublicKey().getAlgorithm());
    requireMatch(key, chain.get(0));
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("localhub", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, NO_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "--tls-key " + keyFile + " does not belong to --tls-cert " + certificateFile + ": " + e);
    }
  }

  /** A key of another certificate would only show at the first handshake: refuse it now. */
  private void requireMatch(PrivateKey key, Certificate leaf) {
    boolean matches;
    try {
      Signature signature =
          Signature.getInstance(
              "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA");
      byte[] probe = "localhub".getBytes(StandardCharsets.US_ASCII);
      signature.initSign(key);
      signature.update(probe);
      byte[] signed = signature.sign();
      signature.initVerify(leaf.getPublicKey());
      signature.update(probe);
      matches = signature.verify(signed);
    } catch (GeneralSecurityException e) {
      matches = false;
    }
    if (!matches) {
      throw new IllegalArgumentException(
          "--tls-key "
              + keyFile
              + " is not the key of the certificate in --tls-cert "
              + certificateFile
              + "; give the key the certificate was issued for");
    }
  }

  private List<? extends Certificate> certificates() {
    String text = read(certificateFile, "--tls-cert");
    try {
      List<? extends Certificate> chain =
          List.copyOf(
              CertificateFactory.getInstance("X.509")
                  .generateCertificates(
                      new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))));
      if (!chain.isEmpty()) {
        return chain;
      }
    } catch (GeneralSecurityException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--tls-cert "
            + certificateFile
            + " holds no PEM certificate (-----BEGIN CERTIFICATE-----); give the server's"
            + " certificate chain, leaf first");
  }

  private PrivateKey privateKey(String algorithm) {
    Matcher m = PEM.matcher(read(keyFile, "--tls-key"));
    if (!m.find()) {
      throw new IllegalArgumentException(
          "--tls-key " + keyFile + " holds no PEM key (-----BEGIN PRIVATE KEY-----)");
    }
    if (!"PRIVATE KEY".equals(m.group(1))) {
      throw new IllegalArgumentException(
          "--tls-key "
              + keyFile
              + " is a "
              + m.group(1)
              + "; give an unencrypted PKCS#8 key (convert it: openssl pkcs8 -topk8 -nocrypt -in"
              + " KEY -out KEY.pk8)");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--tls-key " + keyFile + " is not a " + algorithm + " key matching --tls-cert: " + e);
    }
  }

  private static String read(Path file, String option) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException(option + " " + file + " cannot be read: " + e);
    }
  }
}
