package trafficlight.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throw-away certificate authorities and server certificates for the HTTPS tests, written as PEM
 * files the way an operator would have them: a CA certificate to trust, a server certificate and
 * its PKCS#8 key to serve.
 */
public final class TestCertificates {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private TestCertificates() {}

  /** A certificate authority that can issue server certificates. */
  public static final class Authority {
    private final String name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private Authority(String name, KeyPair keys, X509Certificate certificate) {
      this.name = name;
      this.keys = keys;
      this.certificate = certificate;
    }

    public X509Certificate certificate() {
      return certificate;
    }

    /** Writes the CA certificate as PEM, as it would sit in {@code /etc/ssl/certs}. */
    public Path writeCertificate(Path file) {
      return write(file, TestKeys.pem("CERTIFICATE", encoded(certificate)));
    }

    /** A server certificate valid now for the given DNS names and IP addresses. */
    public Server issue(String... names) {
      Instant now = Instant.now();
      return issue(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), names);
    }

    /** A server certificate valid from {@code notBefore} to {@code notAfter} only. */
    public Server issue(Instant notBefore, Instant notAfter, String... names) {
      try {
        KeyPair serverKeys = ecKeys();
        X509v3CertificateBuilder builder =
            new JcaX509v3CertificateBuilder(
                certificate,
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(notBefore),
                Date.from(notAfter),
                new X500Name("CN=" + names[0]),
                serverKeys.getPublic());
        List<GeneralName> alternatives = new ArrayList<>();
        for (String n : names) {
          boolean ip = n.matches("[0-9.]+") || n.contains(":");
          alternatives.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, n));
        }
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
            .addExtension(
                Extension.extendedKeyUsage,
                false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
            .addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(alternatives.toArray(GeneralName[]::new)))
            .addExtension(
                Extension.authorityKeyIdentifier,
                false,
                ext.createAuthorityKeyIdentifier(certificate))
            .addExtension(
                Extension.subjectKeyIdentifier,
                false,
                ext.createSubjectKeyIdentifier(serverKeys.getPublic()));
        X509Certificate cert = sign(builder, keys);
        return new Server(serverKeys, cert, certificate);
      } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
        throw new IllegalStateException("cannot issue a certificate under " + name, e);
      }
    }
  }

  /** A server certificate, its key and the chain up to (not including) the root. */
  public record Server(KeyPair keys, X509Certificate certificate, X509Certificate issuer) {

    /** Writes the certificate chain (leaf first) as PEM. */
    public Path writeCertificate(Path file) {
      return write(file, TestKeys.pem("CERTIFICATE", encoded(certificate)));
    }

    /** Writes the private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    public Path writeKey(Path file) {
      return write(file, TestKeys.pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    }
  }

  /** A new self-signed root CA named {@code CN=name}, valid from an hour ago for ten days. */
  public static Authority authority(String name) {
    try {
      KeyPair keys = ecKeys();
      Instant now = Instant.now();
      X500Name subject = new X500Name("CN=" + name);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject,
                  BigInteger.valueOf(SERIAL.incrementAndGet()),
                  Date.from(now.minus(Duration.ofHours(1))),
                  Date.from(now.plus(Duration.ofDays(10))),
                  subject,
                  keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(keys.getPublic()));
      return new Authority(name, keys, sign(builder, keys));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make a certificate authority", e);
    }
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    return keys("EC", new ECGenParameterSpec("secp256r1"));
  }

  private static KeyPair keys(String algorithm, AlgorithmParameterSpec spec)
      throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    generator.initialize(spec);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    ContentSigner signer =
        new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
