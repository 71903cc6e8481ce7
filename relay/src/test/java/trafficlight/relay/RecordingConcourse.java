package trafficlight.relay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * A stand-in for Concourse's check webhook on a real socket: it answers {@code POST
 * /api/v1/teams/T/pipelines/P/resources/R/check/webhook} with the status a test sets per resource
 * (201 by default) and records every call.
 */
public final class RecordingConcourse implements AutoCloseable {

  /** A call received: the path, the decoded query parameters and the status answered. */
  record Call(String path, Map<String, String> query, int status) {
    String resource() {
      String[] parts = path.split("/");
      return parts[parts.length - 3];
    }
  }

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, IntSupplier> statuses = new ConcurrentHashMap<>();

  RecordingConcourse() {
    this(0);
  }

  RecordingConcourse(int port) {
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::serve);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port());
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** What the webhook of {@code resource} answers from now on. */
  void answer(String resource, IntSupplier status) {
    statuses.put(resource, status);
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<String> resourcesCalled() {
    return calls.stream().map(Call::resource).sorted().toList();
  }

  /** Waits until at least {@code count} calls came, or the timeout passed. */
  List<Call> awaitCalls(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (calls.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return calls();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      Map<String, String> query = new ConcurrentHashMap<>();
      String raw = exchange.getRequestURI().getRawQuery();
      if (raw != null) {
        for (String pair : raw.split("&")) {
          int eq = pair.indexOf('=');
          query.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      Call probe = new Call(path, query, 0);
      int status =
          "POST".equals(exchange.getRequestMethod()) && path.endsWith("/check/webhook")
              ? statuses.getOrDefault(probe.resource(), () -> 201).getAsInt()
              : 404;
      calls.add(new Call(path, Map.copyOf(query), status));
      byte[] body =
          status == 201
              ? "{\"id\":1,\"status\":\"started\"}".getBytes(StandardCharsets.UTF_8)
              : new byte[0];
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
