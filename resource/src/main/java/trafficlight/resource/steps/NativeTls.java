package trafficlight.resource.steps;

import java.security.Security;
import java.util.function.Consumer;
import org.conscrypt.Conscrypt;

/**
 * BoringSSL's TLS (Conscrypt) as the JVM's first security provider, so that the handshake and the
 * chain's signatures run natively: the JDK's own handshake is elliptic-curve code in Java, run cold
 * in a fresh JVM on every step, and costs several times the CPU of the rest of a step. Its native
 * library is {@code lib/native} of the resource ({@code java.library.path}); where it cannot load
 * (another CPU, another C library) the JDK's TLS is used and the build log says so once.
 */
final class NativeTls {

  private static boolean tried;

  private NativeTls() {}

  /** Installs the native provider if it loads here; otherwise says once on {@code log} why not. */
  static synchronized void install(Consumer<String> log) {
    if (tried) {
      return;
    }
    tried = true;
    String unavailable;
    try {
      if (Conscrypt.isAvailable()) {
        Security.insertProviderAt(Conscrypt.newProvider(), 1);
        return;
      }
      Conscrypt.checkAvailability();
      unavailable = "unknown reason";
    } catch (LinkageError | RuntimeException e) {
      unavailable = firstLine(e);
    }
    log.accept(
        "note: native TLS (Conscrypt) cannot load on this machine ("
            + unavailable
            + "); using the JDK's TLS, which works but costs more CPU per step");
  }

  private static String firstLine(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
