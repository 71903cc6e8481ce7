package trafficlight.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Clients that begin a request on loopback and never finish it: half stop inside the headers, half
 * inside a body they announced (sent with an {@code Origin} of {@code host}, so that a route that
 * checks it reads on). Bounded: a fixed number of sockets, each closed by {@link #close}.
 */
public final class SlowClients implements AutoCloseable {

  private final List<Socket> sockets = new ArrayList<>();

  private SlowClients() {}

  /**
   * @param host the {@code Host} they send (one the server answers, so that they reach it)
   * @param path where their unfinished requests go
   */
  public static SlowClients open(int port, int count, String host, String path) throws IOException {
    SlowClients clients = new SlowClients();
    try {
      for (int i = 0; i < count; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        clients.sockets.add(s);
        String start =
            i % 2 == 0
                ? "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nX-Unfinished: "
                : "POST "
                    + path
                    + " HTTP/1.1\r\nHost: "
                    + host
                    + "\r\nOrigin: http://"
                    + host
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\npayload=";
        s.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
      }
    } catch (IOException e) {
      clients.close();
      throw e;
    }
    return clients;
  }

  /** How many of them the server has closed within {@code wait} (read all, waiting at most it). */
  public int closedByServer(Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    int closed = 0;
    for (Socket s : sockets) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
      try {
        InputStream in = s.getInputStream();
        while (in.read() != -1) {
          // an answer (a 400 to the cut-off body, say) before the close
        }
        closed++;
      } catch (SocketTimeoutException e) {
        // still open
      } catch (IOException e) {
        closed++; // reset by the server
      }
    }
    return closed;
  }

  @Override
  public void close() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing: nothing to do
      }
    }
  }
}
