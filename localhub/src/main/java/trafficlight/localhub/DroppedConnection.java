package trafficlight.localhub;

/**
 * Thrown from the HTTP handler before any response header is sent: the JDK's HTTP server then
 * closes the connection, and the client sees the connection end without a response.
 */
final class DroppedConnection extends RuntimeException {
  DroppedConnection() {
    super("connection dropped by an injected fault", null, false, false);
  }
}
