package trafficlight.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static trafficlight.relay.Fixtures.PROD_TITLE;
import static trafficlight.relay.Fixtures.closed;
import static trafficlight.relay.Fixtures.send;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import trafficlight.server.HttpFront;
import trafficlight.server.RawHttp;
import trafficlight.server.SlowClients;

/** The attacks of a hostile sender, each against a relay on loopback: none gets forwarded. */
@Timeout(60)
class RelayHostileTrafficTest extends RelayInFrontOfConcourse {

  @Test
  void theSameSignedBodyUnderANewDeliveryIdIsTheSameEvent() throws Exception {
    String body = closed(PROD_TITLE);
    assertThat(send(relay, "issues", "d-1", body).body()).startsWith("queued checks of");
    HttpResponse<String> replay = send(relay, "issues", "d-2-forged", body);
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.body()).contains("forwarded before, under another delivery id");
    assertThat(concourse.awaitCalls(2, Duration.ofMillis(500))).hasSize(1);
    // another event of the same issue (GitHub's next close carries a new updated_at) goes through
    send(relay, "issues", "d-3", body.replace("\"number\":7", "\"number\":7,\"updated_at\":\"x\""));
    assertThat(concourse.awaitCalls(2, Duration.ofSeconds(5))).hasSize(2);
  }

  @Test
  void aSignedButDeeplyNestedBodyIs400AndForwardedNowhere() throws Exception {
    String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    HttpResponse<String> answer = send(relay, "issues", deep);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("nests deeper than " + DeliveryPayload.MAX_DEPTH);
    HttpResponse<String> shallowButDeeperThanTheBound =
        send(relay, "issues", "{\"a\":" + "[".repeat(70) + "]".repeat(70) + "}");
    assertThat(shallowButDeeperThanTheBound.statusCode()).isEqualTo(400);
    assertThat(Fixtures.get(relay, "/healthz").statusCode()).isEqualTo(200);
    assertNothingForwarded();
  }

  @Test
  void aForeignHostGets421AndNoContentAndNothingIsForwarded() throws Exception {
    String body = closed(PROD_TITLE);
    String request =
        "POST /github HTTP/1.1\r\nHost: rebind.evil.example:"
            + relay.port()
            + "\r\nContent-Type: application/json\r\nX-GitHub-Event: issues\r\n"
            + "X-GitHub-Delivery: d-9\r\nX-Hub-Signature-256: "
            + Fixtures.sign(body)
            + "\r\nContent-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length
            + "\r\n\r\n"
            + body;
    String answer = raw(relay.port(), request);
    assertThat(answer).startsWith("HTTP/1.1 421").doesNotContain("queued");
    assertThat(raw(relay.port(), "GET /metrics HTTP/1.1\r\nHost: evil.example\r\n\r\n"))
        .startsWith("HTTP/1.1 421")
        .doesNotContain("trafficlight_relay");
    assertNothingForwarded();
    assertThat(Fixtures.get(relay, "/metrics").body())
        .contains("trafficlight_relay_foreign_host_requests_total 2.0");
  }

  @Test
  void aPublicUrlsHostIsAnsweredAndAnUnsafeOneRefusedAtStart() throws Exception {
    try (RelayServer named = new RelayServer(settings("https://relay.example.com"), log::add)) {
      named.start();
      assertThat(raw(named.port(), "GET /healthz HTTP/1.1\r\nHost: relay.example.com\r\n\r\n"))
          .startsWith("HTTP/1.1 200");
      assertThat(raw(named.port(), "GET /healthz HTTP/1.1\r\nHost: other.example.com\r\n\r\n"))
          .startsWith("HTTP/1.1 421");
    }
    for (String unsafe :
        List.of(
            "ftp://relay.example.com", "https://relay.example.com/github", "https://*.example")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings(unsafe))
          .as(unsafe)
          .isInstanceOf(RelayConfigException.class)
          .hasMessageContaining("--public-url");
    }
  }

  /** The relay's settings with {@code publicUrl}, default retries. */
  RelaySettings settings(String publicUrl) {
    return new RelaySettings(
        concourse.url(),
        Fixtures.routes(dir),
        Fixtures.SECRET.getBytes(StandardCharsets.UTF_8),
        InetAddress.getLoopbackAddress(),
        0,
        RelaySettings.FIRST_RETRY,
        RelaySettings.RETRY_FOR,
        URI.create(publicUrl));
  }

  @Test
  void twelveUnfinishedDeliveriesNeitherStarveHealthzNorADeliveryAndAreClosed() throws Exception {
    try (SlowClients slow = SlowClients.open(relay.port(), 12, "127.0.0.1", "/github")) {
      Thread.sleep(300);
      long started = System.nanoTime();
      assertThat(Fixtures.get(relay, "/healthz").statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      assertThat(send(relay, "issues", closed(PROD_TITLE)).statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

      Duration wait = Duration.ofMillis(HttpFront.requestLimitMillis()).plusSeconds(4);
      assertThat(slow.closedByServer(wait)).isEqualTo(12);
    }
    assertThat(
            metricsOnceCounted(
                "trafficlight_relay_connections_dropped_total{reason=\"timed_out\"}"))
        .contains("trafficlight_relay_connections_dropped_total{reason=\"timed_out\"} 12.0");
    assertThat(concourse.awaitCalls(1, Duration.ofSeconds(5))).hasSize(1);
  }

  /**
   * The metrics once {@code line} shows 12 (a handler thread counts just after the client sees the
   * close), or after 3 seconds.
   */
  private String metricsOnceCounted(String line) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    String metrics = Fixtures.get(relay, "/metrics").body();
    while (!metrics.contains(line + " 12.0") && System.nanoTime() < deadline) {
      Thread.sleep(50);
      metrics = Fixtures.get(relay, "/metrics").body();
    }
    return metrics;
  }

  private static String raw(int port, String request) throws IOException {
    return RawHttp.exchange(port, request, Duration.ofSeconds(5));
  }
}
