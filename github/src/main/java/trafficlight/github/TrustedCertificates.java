package trafficlight.github;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities to trust: the JDK's own plus the system's ({@code /etc/ssl/certs},
 * where Concourse copies the worker's CA certificates into resource containers), so that GitHub
 * Enterprise behind a private CA works. {@code SSL_CERT_FILE} and {@code SSL_CERT_DIR} override the
 * system locations as they do for OpenSSL. Every HTTPS client of the project (resource, board, CLI,
 * relay) takes its trust from here, so they all trust the same servers.
 */
public final class TrustedCertificates {

  private static final String BUNDLE = "ca-certificates.crt";

  private TrustedCertificates() {}

  /** A client-side TLS context trusting the JDK's and the system's certificate authorities. */
  public static SSLContext sslContext() throws IOException {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate ca : jdkAuthorities()) {
        store.setCertificateEntry("jdk-" + n++, ca);
      }
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Path file : systemFiles()) {
        try (InputStream in = Files.newInputStream(file)) {
          for (Certificate cert : factory.generateCertificates(in)) {
            store.setCertificateEntry("system-" + n++, cert);
          }
        } catch (IOException | GeneralSecurityException unreadable) {
          // not a certificate file (a README, a hash link to a broken file): skip it
        }
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static X509Certificate[] jdkAuthorities() throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    for (var manager : tmf.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509.getAcceptedIssuers();
      }
    }
    return new X509Certificate[0];
  }

  private static List<Path> systemFiles() {
    List<Path> files = new ArrayList<>();
    String file = System.getenv().getOrDefault("SSL_CERT_FILE", "/etc/ssl/certs/" + BUNDLE);
    if (Files.isRegularFile(Path.of(file))) {
      files.add(Path.of(file));
    }
    Path dir = Path.of(System.getenv().getOrDefault("SSL_CERT_DIR", "/etc/ssl/certs"));
    // update-ca-certificates links every certificate it writes into the directory's bundle: with
    // the bundle read, the links add nothing but parsing time (~140 certificates on Debian).
    boolean bundleRead = files.contains(dir.resolve(BUNDLE));
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.{pem,crt}")) {
        for (Path entry : entries) {
          if (bundleRead && Files.isSymbolicLink(entry)) {
            continue;
          }
          if (Files.isRegularFile(entry) && !files.contains(entry)) {
            files.add(entry);
          }
        }
      } catch (IOException unreadable) {
        // an unreadable directory adds nothing
      }
    }
    return files;
  }
}
