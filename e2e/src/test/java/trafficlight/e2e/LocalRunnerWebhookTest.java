package trafficlight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.pipeline.runner.LocalRunner;
import trafficlight.pipeline.runner.ResourceImplementation;
import trafficlight.relay.Fixtures;
import trafficlight.relay.RelayServer;

/**
 * The relay in front of the local runner's check webhook, which keeps Concourse's URL and status
 * codes: a closed gate issue makes the runner check that resource at once.
 */
class LocalRunnerWebhookTest {

  @TempDir Path dir;

  /** A gate resource type that only counts its checks. */
  static final class CountingChecks implements ResourceImplementation {
    final AtomicInteger checks = new AtomicInteger();

    @Override
    public List<Map<String, String>> check(
        Map<String, Object> source, Map<String, String> version) {
      checks.incrementAndGet();
      return version == null ? List.of() : List.of(version);
    }

    @Override
    public StepResult get(
        Map<String, Object> source,
        Map<String, String> version,
        Map<String, Object> params,
        Path dest,
        Map<String, String> env) {
      return new StepResult(version, Map.of(), "");
    }

    @Override
    public StepResult put(
        Map<String, Object> source, Map<String, Object> params, Path src, Map<String, String> env) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void aClosedGateIssueMakesTheRunnerCheckTheResourceAtOnce() throws Exception {
    String pipeline =
        """
        resources:
        - name: qa-gate
          type: github-issues
          check_every: 1h
          webhook_token: ((relay_webhook_token))
          source:
            repository: my-org/deploy-gates
            issue_prefix: "[bot] Pulumi myapp applications.myapp.QA deployed."
            issue_state: closed
        - name: wrong-token-gate
          type: github-issues
          check_every: 1h
          webhook_token: the-runners-own
          source:
            repository: my-org/deploy-gates
            issue_prefix: "[bot] Pulumi myapp applications.myapp.Production deployed."
            issue_state: closed
        jobs:
        - name: deploy-production
          plan: [{get: qa-gate, trigger: true}, {get: wrong-token-gate, trigger: true}]
        """;
    CountingChecks gates = new CountingChecks();
    List<String> log = new CopyOnWriteArrayList<>();
    try (LocalRunner runner =
        LocalRunner.builder("myapp", pipeline)
            .resourceType("github-issues", gates)
            .var("relay_webhook_token", "relayed")
            .workDir(dir.resolve("work"))
            .tick(Duration.ofMillis(50))
            .build()) {
      runner.start();
      try (RelayServer relay =
          RelayInFront.start(
              runner,
              "myapp",
              pipeline.replace("the-runners-own", "not-the-runners"),
              Map.of("relay_webhook_token", "relayed"),
              dir,
              log::add)) {
        awaitChecks(gates, 2);
        int before = gates.checks.get();
        Fixtures.send(relay, "issues", Fixtures.closed(Fixtures.QA_TITLE));
        awaitChecks(gates, before + 1);
        assertThat(gates.checks.get()).isEqualTo(before + 1);

        Fixtures.send(relay, "issues", Fixtures.closed(Fixtures.PROD_TITLE));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (log.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(log)
            .singleElement()
            .asString()
            .contains("401 for resource main/myapp/wrong-token-gate", "not retried");
        assertThat(gates.checks.get()).isEqualTo(before + 1);
      }
    }
  }

  static void awaitChecks(CountingChecks gates, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (gates.checks.get() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(gates.checks.get()).isGreaterThanOrEqualTo(count);
  }
}
