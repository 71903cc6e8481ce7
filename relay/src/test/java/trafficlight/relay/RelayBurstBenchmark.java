package trafficlight.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark, not a timed test: 1,000 signed deliveries from 20 threads, half of them closed gate
 * issues; prints the relay's response time as the senders saw it (p50, p99, max) and asserts only
 * that each matching delivery was forwarded exactly once. Runs with {@code -Drelay.burst=true}:
 * {@code ./mvnw -o -q -pl relay -am verify -Dtest=RelayBurstBenchmark -Drelay.burst=true
 * -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}.
 */
class RelayBurstBenchmark {

  @TempDir Path dir;

  @Test
  void aBurstOfSignedDeliveries() throws Exception {
    assumeTrue(Boolean.getBoolean("relay.burst"), "a benchmark: run with -Drelay.burst=true");
    int deliveries = 1000;
    // the relay first, so that its server settings are the process's
    int port = RelayFaultsTest.freePort();
    int senders = Integer.getInteger("relay.burst.threads", 20);
    try (RelayServer relay =
            Fixtures.relay(
                dir,
                URI.create("http://127.0.0.1:" + port),
                Duration.ofMillis(100),
                Duration.ofSeconds(30),
                line -> {});
        RecordingConcourse concourse = new RecordingConcourse(port)) {
      for (int i = 0; i < 50; i++) {
        Fixtures.send(relay, "issues", Fixtures.issues("opened", Fixtures.PROD_TITLE, null));
      }
      ExecutorService threads = Executors.newFixedThreadPool(senders);
      List<Future<Long>> sent = new ArrayList<>();
      for (int i = 0; i < deliveries; i++) {
        String body =
            i % 2 == 0
                ? Fixtures.closed(Fixtures.PROD_TITLE + " build " + i)
                : Fixtures.issues("labeled", Fixtures.PROD_TITLE, null, "pipeline-workflow");
        sent.add(
            threads.submit(
                () -> {
                  long start = System.nanoTime();
                  int status = Fixtures.send(relay, "issues", body).statusCode();
                  long nanos = System.nanoTime() - start;
                  assertThat(status).isEqualTo(200);
                  return nanos;
                }));
      }
      List<Long> times = new ArrayList<>();
      for (Future<Long> future : sent) {
        times.add(future.get());
      }
      threads.shutdown();
      Collections.sort(times);
      assertThat(concourse.awaitCalls(deliveries / 2, Duration.ofSeconds(60)))
          .hasSize(deliveries / 2);
      Thread.sleep(500);
      assertThat(concourse.calls()).hasSize(deliveries / 2);
      System.out.printf(
          Locale.ROOT,
          "relay burst: %d deliveries from %d threads, %d forwarded once each; response p50 %.1f ms,"
              + " p99 %.1f ms, max %.1f ms%n",
          deliveries,
          senders,
          concourse.calls().size(),
          times.get(times.size() / 2) / 1e6,
          times.get((int) Math.ceil(times.size() * 0.99) - 1) / 1e6,
          times.get(times.size() - 1) / 1e6);
      // the relay's own view: from reading the request to the answer written
      Fixtures.get(relay, "/metrics")
          .body()
          .lines()
          .filter(line -> line.startsWith("trafficlight_relay_response_seconds_bucket"))
          .forEach(line -> System.out.println("relay burst: " + line));
    }
  }
}
