package trafficlight.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static trafficlight.relay.Fixtures.PROD_TITLE;
import static trafficlight.relay.Fixtures.QA_TITLE;
import static trafficlight.relay.Fixtures.closed;
import static trafficlight.relay.Fixtures.send;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Concourse failing in the ways it does, and GitHub delivering more than once or all at once. */
class RelayFaultsTest extends RelayInFrontOfConcourse {

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void concourseDownThenBackGetsTheForwardOnce() throws Exception {
    int port = freePort();
    URI down = URI.create("http://127.0.0.1:" + port);
    try (RelayServer towardsDown =
        Fixtures.relay(dir, down, Duration.ofMillis(100), Duration.ofSeconds(30), log::add)) {
      assertThat(send(towardsDown, "issues", closed(PROD_TITLE)).statusCode()).isEqualTo(200);
      awaitMetrics(
          towardsDown,
          m -> m.contains("trafficlight_relay_retries_pending 1.0") && RETRYING.matcher(m).find());
      try (RecordingConcourse back = new RecordingConcourse(port)) {
        // One forward was started, it succeeded and no retry is left waiting: nothing is left
        // that could call Concourse again, so the count below is final.
        String done =
            awaitMetrics(
                towardsDown,
                m ->
                    m.contains("trafficlight_relay_forwards_total{result=\"ok\"} 1.0")
                        && m.contains("trafficlight_relay_retries_pending 0.0"));
        assertThat(done)
            .contains(
                "trafficlight_relay_deliveries_total{action=\"closed\",event=\"issues\",result=\"forwarded\"} 1.0");
        assertThat(back.resourcesCalled()).containsExactly("production-gate");
      }
    }
  }

  private static final Pattern RETRYING =
      Pattern.compile("trafficlight_relay_forwards_total\\{result=\"retrying\"} [1-9]");

  /**
   * The relay's metrics once they satisfy {@code condition}; fails when they have not within a
   * minute (a bound for a loaded machine, not a timing the test depends on).
   */
  static String awaitMetrics(RelayServer relay, Predicate<String> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String metrics = Fixtures.get(relay, "/metrics").body();
    while (!condition.test(metrics) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      metrics = Fixtures.get(relay, "/metrics").body();
    }
    assertThat(condition.test(metrics)).as("metrics never got there:%n%s", metrics).isTrue();
    return metrics;
  }

  @Test
  void aConcourseThatStays5xxIsGivenUpWithALogLine() throws Exception {
    // a relay that gives up after half a second, in front of the same Concourse
    try (RelayServer quick =
        Fixtures.relay(
            dir, concourse.url(), Duration.ofMillis(50), Duration.ofMillis(500), log::add)) {
      concourse.answer("production-gate", () -> 503);
      send(quick, "issues", closed(PROD_TITLE));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (log.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(concourse.calls().size()).isBetween(2, 5);
      assertThat(log).hasSize(1);
      assertThat(log.get(0))
          .contains("503", "main/myapp/production-gate", "gave up", "check_every")
          .doesNotContain(Fixtures.PROD_TOKEN);
    }
  }

  @Test
  void concourseAnswering401Or404IsNotRetriedAndLoggedWithTheResourceName() throws Exception {
    concourse.answer("production-gate", () -> 401);
    concourse.answer("qa-gate", () -> 404);
    send(relay, "issues", closed(PROD_TITLE));
    send(relay, "issues", closed(QA_TITLE, "pipeline-workflow", "promotion-to-production"));
    concourse.awaitCalls(2, Duration.ofSeconds(5));
    Thread.sleep(500);
    assertThat(concourse.resourcesCalled()).containsExactly("production-gate", "qa-gate");
    assertThat(log).hasSize(2);
    assertThat(String.join("\n", log))
        .contains("401 for resource main/myapp/production-gate", "webhook_token")
        .contains("404 for resource main/myapp/qa-gate", "not retried")
        .doesNotContain(Fixtures.PROD_TOKEN, Fixtures.QA_TOKEN);
    assertThat(Fixtures.get(relay, "/metrics").body())
        .contains("trafficlight_relay_forwards_total{result=\"rejected\"} 2.0");
  }

  @Test
  void twoHundredDeliveriesFromTwentyThreadsAreEachForwardedExactlyOnce() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(20);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger ok = new AtomicInteger();
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      sent.add(
          threads.submit(
              () -> {
                go.await();
                // each delivery twice, as a redelivery would: the second is not forwarded
                String body = closed(PROD_TITLE + " build " + n);
                if (send(relay, "issues", "burst-" + n, body).statusCode() == 200) {
                  ok.incrementAndGet();
                }
                send(relay, "issues", "burst-" + n, body);
                return null;
              }));
    }
    go.countDown();
    for (Future<?> future : sent) {
      future.get(60, TimeUnit.SECONDS);
    }
    threads.shutdown();
    assertThat(ok).hasValue(200);
    assertThat(concourse.awaitCalls(200, Duration.ofSeconds(30))).hasSize(200);
    // the relay counts a forward once Concourse's answer is back, after Concourse recorded it
    String metrics =
        awaitMetrics(
            relay, m -> m.contains("trafficlight_relay_forwards_total{result=\"ok\"} 200.0"));
    assertThat(concourse.calls()).hasSize(200);
    assertThat(metrics)
        .contains(
            "trafficlight_relay_deliveries_total{action=\"closed\",event=\"issues\",result=\"forwarded\"} 200.0",
            "trafficlight_relay_deliveries_total{action=\"closed\",event=\"issues\",result=\"duplicate\"} 200.0",
            "trafficlight_relay_forwards_total{result=\"ok\"} 200.0");
  }
}
