package trafficlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import trafficlight.localhub.LocalHub;

/**
 * When the demo's gate issues were closed, to the millisecond (GitHub's {@code closed_at} has
 * seconds only): a second, unsigned localhub webhook, whose deliveries only note the moment an
 * issue's {@code closed} event arrives. It triggers nothing, so a forged delivery can only change a
 * printed figure. The scripted demo also notes its own closes as it makes them.
 */
final class CloseTimes implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<Integer, Long> closedAt = new ConcurrentHashMap<>();
  private final HttpServer server;

  private CloseTimes(HttpServer server) {
    this.server = server;
  }

  /** Listens on loopback and hooks localhub's {@code repo} to it. */
  static CloseTimes start(LocalHub hub, String repo) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    CloseTimes times = new CloseTimes(server);
    server.createContext("/", times::serve);
    server.start();
    hub.createHook(
        repo, "http://127.0.0.1:" + server.getAddress().getPort() + "/", "json", null, "issues");
    return times;
  }

  /** Notes that {@code issue} was closed now, unless its close was noted before. */
  void closed(int issue) {
    closedAt.putIfAbsent(issue, System.nanoTime());
  }

  /** Nanoseconds from {@code issue}'s close to now, if its close was noted. */
  OptionalLong sinceClose(int issue) {
    Long at = closedAt.get(issue);
    return at == null ? OptionalLong.empty() : OptionalLong.of(System.nanoTime() - at);
  }

  private void serve(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    try (exchange) {
      int status = 204;
      try (InputStream in = exchange.getRequestBody()) {
        JsonNode payload = JSON.readTree(in);
        if ("closed".equals(payload.path("action").asText())
            && payload.path("issue").path("number").canConvertToInt()) {
          closedAt.putIfAbsent(payload.path("issue").path("number").asInt(), arrived);
        }
      } catch (IOException e) {
        status = 400;
      }
      exchange.sendResponseHeaders(status, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
