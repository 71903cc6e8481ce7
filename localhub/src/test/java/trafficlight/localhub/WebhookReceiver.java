package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import trafficlight.contract.WebhookRequest;

/**
 * A real HTTP server on 127.0.0.1 standing in for a webhook receiver: it keeps every request it
 * gets and answers {@link #respondWith} (200 unless told), optionally only once {@link #hold}'s
 * latch is released.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One request as received. */
  record Received(Map<String, List<String>> headers, String body, Instant at, long nanoTime) {
    String header(String name) {
      return request().header(name);
    }

    WebhookRequest request() {
      return new WebhookRequest(headers, body);
    }

    String event() {
      return header("X-GitHub-Event");
    }

    String guid() {
      return header("X-GitHub-Delivery");
    }

    /** The JSON payload, from the body or (form) its {@code payload} field. */
    JsonNode payload() {
      String json = body;
      if (body.startsWith("payload=")) {
        json = URLDecoder.decode(body.substring("payload=".length()), StandardCharsets.UTF_8);
      }
      try {
        return Http.MAPPER.readTree(json);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String action() {
      return payload().path("action").asText(null);
    }

    String summary() {
      return event() + (action() == null ? "" : "." + action());
    }

    /**
     * Whether {@code X-Hub-Signature-256} is the HMAC-SHA256 of the raw body with {@code secret}.
     */
    boolean signedWith(String secret) {
      String header = header("X-Hub-Signature-256");
      if (header == null || !header.startsWith("sha256=")) {
        return false;
      }
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        byte[] given = HexFormat.of().parseHex(header.substring("sha256=".length()));
        return MessageDigest.isEqual(expected, given);
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        return false;
      }
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = new ArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private volatile CountDownLatch hold = new CountDownLatch(0);

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/hook", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /**
   * Creates through the REST API, as {@code token}, a hook of the repository at {@code repoUrl}
   * that sends {@code events} (a JSON array) here, signed with {@code secret}; fails the test
   * unless it is created.
   */
  JsonNode createHook(
      String repoUrl, String token, String contentType, String events, String secret) {
    Http.Response created =
        Http.post(
            repoUrl + "/hooks",
            token,
            "{\"name\":\"web\",\"active\":true,\"events\":"
                + events
                + ",\"config\":{\"url\":\""
                + url()
                + "\",\"content_type\":\""
                + contentType
                + "\",\"secret\":\""
                + secret
                + "\",\"insecure_ssl\":\"0\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  void respondWith(int code) {
    status.set(code);
  }

  /** Answers nothing until the returned latch is counted down (at most 20 s). */
  CountDownLatch hold() {
    CountDownLatch latch = new CountDownLatch(1);
    hold = latch;
    return latch;
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** Waits up to 10 s for a request that matches; fails if none comes. */
  Received await(Predicate<Received> wanted, String what) {
    return awaitAll(wanted, 1, what).get(0);
  }

  /** Waits up to 10 s until {@code count} requests match; returns them in arrival order. */
  synchronized List<Received> awaitAll(Predicate<Received> wanted, int count, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<Received> matching = received.stream().filter(wanted).toList();
      if (matching.size() >= count) {
        return matching;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "no "
                + what
                + " within 10 s; received: "
                + received.stream().map(Received::summary).toList());
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
    synchronized (this) {
      received.add(new Received(headers, body, Instant.now(), System.nanoTime()));
      notifyAll();
    }
    try {
      hold.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // No body: with one, the JDK server sends headers and body in two writes, and without
    // sun.net.httpserver.nodelay Nagle's algorithm holds the second for the delayed ACK (~40 ms).
    exchange.sendResponseHeaders(status.get(), -1);
    exchange.close();
  }

  @Override
  public void close() {
    hold.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
