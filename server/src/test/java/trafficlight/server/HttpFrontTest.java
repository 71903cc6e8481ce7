package trafficlight.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HttpFrontTest {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final AtomicInteger routed = new AtomicInteger();
  private HttpFront front;

  @BeforeEach
  void start() throws IOException {
    front =
        new HttpFront(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            64,
            "test",
            AllowedHosts.of(InetAddress.getLoopbackAddress(), List.of()),
            new ConnectionMetrics("test", registry),
            this::route);
    front.start();
  }

  @AfterEach
  void stop() {
    front.close();
  }

  private void route(HttpExchange ex) throws IOException {
    try (ex) {
      routed.incrementAndGet();
      if (ex.getRequestURI().getPath().equals("/metrics")) {
        MetricsPage.send(ex, registry);
        return;
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      ex.sendResponseHeaders(200, 2 + body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write("ok".getBytes(StandardCharsets.US_ASCII));
        out.write(body);
      }
    }
  }

  @Test
  void twelveUnfinishedRequestsNeitherStarveHealthzNorStayOpen() throws Exception {
    assertThat(HttpFront.requestLimitMillis()).as("set for the tests in the pom").isPositive();
    try (SlowClients slow = SlowClients.open(front.port(), 12, "127.0.0.1", "/slow")) {
      Thread.sleep(300); // they have all begun
      long started = System.nanoTime();
      HttpResponse<String> health = get("/healthz");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

      Duration wait = Duration.ofMillis(HttpFront.requestLimitMillis()).plusSeconds(4);
      assertThat(slow.closedByServer(wait)).isEqualTo(12);
    }
    String counted = "test_connections_dropped_total{reason=\"timed_out\"} 12.0";
    // a handler thread counts just after the client sees the close
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (!get("/metrics").body().contains(counted) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(get("/metrics").body()).contains(counted);
  }

  @Test
  void beyondTheHandlerThreadsAConnectionIsRefusedAndCounted() throws Exception {
    int extra = 3;
    try (SlowClients slow =
        SlowClients.open(front.port(), HttpFront.HANDLER_THREADS + extra, "localhost", "/slow")) {
      Thread.sleep(500);
      assertThat(slow.closedByServer(Duration.ofMillis(500))).isEqualTo(extra);
    }
    // once the limit frees the threads, the server answers again
    Thread.sleep(HttpFront.requestLimitMillis() + 1500);
    assertThat(get("/metrics").body())
        .contains("test_connections_dropped_total{reason=\"refused\"} " + extra + ".0");
  }

  @Test
  void aForeignHostGets421WithNoContentAndNoRouteRuns() throws Exception {
    String answer =
        raw("GET /healthz HTTP/1.1\r\nHost: rebind.evil.example:" + front.port() + "\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 421");
    assertThat(answer).doesNotContain("ok");
    assertThat(raw("GET /healthz HTTP/1.1\r\n\r\n")).as("no Host").startsWith("HTTP/1.1 421");
    assertThat(routed).hasValue(0);
    assertThat(raw("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")).startsWith("HTTP/1.1 200");
    assertThat(get("/metrics").body()).contains("test_foreign_host_requests_total 2.0");
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String raw(String request) throws IOException {
    return RawHttp.exchange(front.port(), request, Duration.ofSeconds(5));
  }
}
