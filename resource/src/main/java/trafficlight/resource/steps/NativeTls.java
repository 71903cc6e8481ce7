package trafficlight.resource.steps;

import java.security.Security;
import java.util.function.Consumer;
import org.conscrypt.Conscrypt;
import org.conscrypt.OpenSSLProvider;

/**
 * BoringSSL's TLS (Conscrypt) as the JVM's first security provider, so that the handshake and the
 * chain's signatures run natively: the JDK's own handshake is elliptic-curve code in Java, run cold
 * in a fresh JVM on every step, and costs several times the CPU of the rest of a step. Its native
 * library is {@code lib/native} of the resource ({@code java.library.path}); where it cannot load
 * (another CPU, another C library) the JDK's TLS is used and the build log says so once.
 */
final class NativeTls {

  /** The name Conscrypt's provider gives itself ({@code Provider.getName()}). */
  private static final String PROVIDER_NAME = "Conscrypt";

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
        putFirst();
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

  /**
   * Makes Conscrypt the first provider. Named first in the security properties before the JVM reads
   * its provider list (at the first use of any provider), it loads alone, and each of the JDK's
   * providers loads only if an algorithm is ever asked of it; {@link Security#insertProviderAt}
   * would instantiate every configured provider first (SunEC alone costs a step ~7 ms). Where the
   * list was read already (another part of this JVM used a provider), the property comes too late
   * and the provider is inserted.
   */
  private static void putFirst() {
    String provider = "security.provider.";
    int count = 0;
    while (Security.getProperty(provider + (count + 1)) != null) {
      count++;
    }
    for (int i = count; i >= 1; i--) {
      Security.setProperty(provider + (i + 1), Security.getProperty(provider + i));
    }
    Security.setProperty(provider + 1, OpenSSLProvider.class.getName());
    if (Security.getProvider(PROVIDER_NAME) == null) {
      Security.insertProviderAt(Conscrypt.newProvider(), 1);
    }
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
