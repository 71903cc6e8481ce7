package trafficlight.github;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities to trust: the system's ({@code /etc/ssl/certs}, where Concourse
 * copies the worker's CA certificates into resource containers), so that GitHub Enterprise behind a
 * private CA works, plus the JDK's own unless the system's bundle ({@code
 * /etc/ssl/certs/ca-certificates.crt}, Mozilla's list as the JDK's is) was read. {@code
 * SSL_CERT_FILE} and {@code SSL_CERT_DIR} override the system locations as they do for OpenSSL.
 * Every HTTPS client of the project (resource, board, CLI, relay) takes its trust from here, so
 * they all trust the same servers.
 */
public final class TrustedCertificates {

  private static final String SYSTEM_DIR = "/etc/ssl/certs";
  private static final String BUNDLE = "ca-certificates.crt";

  private TrustedCertificates() {}

  /** A client-side TLS context trusting the JDK's and the system's certificate authorities. */
  public static SSLContext sslContext() throws IOException {
    try {
      List<Path> files = systemFiles();
      // Debian's bundle is Mozilla's list, as the JDK's own is: with it read, the JDK's add
      // nothing. Without it, the JDK's authorities are trusted as well as what was found.
      Supplier<X509Certificate[]> jdk =
          files.contains(Path.of(SYSTEM_DIR, BUNDLE)) ? null : new JdkAuthorities();
      SSLContext context = SSLContext.getInstance("TLS");
      // No client certificate, so no key managers: asked for the default one, Conscrypt would
      // look up a KeyManagerFactory, loading every JDK provider before SunJSSE (~6% of a step)
      context.init(
          new KeyManager[0], new TrustManager[] {new OnDemandTrustManager(files, jdk)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** The JDK's own certificate authorities, loaded on first use. */
  private static final class JdkAuthorities implements Supplier<X509Certificate[]> {
    private X509Certificate[] loaded;

    @Override
    public synchronized X509Certificate[] get() {
      if (loaded == null) {
        try {
          loaded = jdkAuthorities();
        } catch (GeneralSecurityException e) {
          loaded = new X509Certificate[0];
        }
      }
      return loaded;
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
    String file = System.getenv().getOrDefault("SSL_CERT_FILE", SYSTEM_DIR + "/" + BUNDLE);
    if (Files.isRegularFile(Path.of(file))) {
      files.add(Path.of(file));
    }
    Path dir = Path.of(System.getenv().getOrDefault("SSL_CERT_DIR", SYSTEM_DIR));
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
