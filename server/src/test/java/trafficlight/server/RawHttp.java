package trafficlight.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One request written byte for byte to a loopback port, and everything the server answers until it
 * closes: for requests no HTTP client would send (foreign {@code Host}s, malformed lines).
 */
public final class RawHttp {

  private RawHttp() {}

  /** The server's answer to {@code request}, read until it closes or {@code timeout} passes. */
  public static String exchange(int port, String request, Duration timeout) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout((int) timeout.toMillis());
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.shutdownOutput();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
