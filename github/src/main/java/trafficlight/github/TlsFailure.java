package trafficlight.github;

import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns a failed TLS handshake into one line for a person: which host, what is wrong with its
 * certificate (not trusted, expired, issued for another name) and how to fix it. A certificate
 * problem does not go away by retrying, so callers give up at once.
 */
public final class TlsFailure {

  static final String HOW_TO_TRUST =
      "add the certificate of the CA that signed it to /etc/ssl/certs (on Concourse: to the"
          + " worker's certificates, which it copies into every resource container) or set"
          + " SSL_CERT_FILE to a PEM file holding it";

  private TlsFailure() {}

  /** The explanation of {@code failure} on a connection to {@code uri}, or null if not TLS's. */
  public static String explain(URI uri, Exception failure) {
    if (!(failure instanceof SSLException)) {
      return null;
    }
    String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException) {
        return "the TLS certificate of "
            + host
            + " has expired ("
            + t.getMessage()
            + "); renew the server's certificate, or check this machine's clock";
      }
      if (t instanceof CertificateNotYetValidException) {
        return "the TLS certificate of "
            + host
            + " is not valid yet ("
            + t.getMessage()
            + "); check this machine's clock";
      }
      if (t instanceof SSLPeerUnverifiedException || isNameMismatch(t.getMessage())) {
        return "the TLS certificate of "
            + host
            + " is issued for other names than "
            + uri.getHost()
            + " ("
            + t.getMessage()
            + "); set gh_host to a name the certificate holds, or reissue it with this one";
      }
      if (t instanceof CertPathBuilderException) {
        return "the TLS certificate of "
            + host
            + " is not trusted: no certificate authority this machine trusts signed it; "
            + HOW_TO_TRUST;
      }
    }
    return null;
  }

  private static boolean isNameMismatch(String message) {
    return message != null
        && (message.startsWith("No subject alternative")
            || message.startsWith("No name matching")
            // the JDK's trust manager when the host name comes from the session (native TLS)
            || message.startsWith("No subjectAltNames on the certificate match")
            || message.contains("doesn't match any of the subject alternative names"));
  }
}
