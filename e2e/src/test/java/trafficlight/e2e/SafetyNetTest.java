package trafficlight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.localhub.DeliveryFault;
import trafficlight.localhub.DeliveryFaultPolicy;
import trafficlight.localhub.LocalHub;
import trafficlight.localhub.RecordedRequest;
import trafficlight.localhub.WebhookDelivery;
import trafficlight.pipeline.runner.Build;
import trafficlight.pipeline.runner.ChainOnLocalHub;
import trafficlight.pipeline.runner.DemoCodeResource;
import trafficlight.pipeline.runner.LocalRunner;
import trafficlight.relay.Fixtures;
import trafficlight.relay.RelayServer;

/**
 * The relay's safety net, end to end with real parts: localhub's repository webhook delivers to the
 * relay, the relay calls the local runner's check webhook, and the runner runs a generated
 * two-stage chain whose gates are dist/opt/resource against localhub. A delivery that never arrives
 * is made up for by the trigger resource's own (long, here short) {@code check_every}.
 */
class SafetyNetTest {

  static final String REPO = ChainOnLocalHub.GATES;
  static final String RELAY_TOKEN = "relay-hook-5e2b";
  static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;
  final List<String> log = new CopyOnWriteArrayList<>();

  /** localhub, the runner on the chain, the relay in front of it and the hook to the relay. */
  final class Stack implements AutoCloseable {
    final ChainOnLocalHub chain;
    final LocalHub hub;
    final String token;
    final LocalRunner runner;
    final RelayServer relay;

    Stack(String relayOption) throws Exception {
      DemoCodeResource code = new DemoCodeResource();
      code.push("Fix the login page");
      chain =
          ChainOnLocalHub.of(
              // the in-memory code has made-up commits and no history to check out
              new ChainOnLocalHub.Chain(
                  "CI, Production", "pin: false\nrelay: " + relayOption + "\n"),
              code,
              r ->
                  r.var("relay_webhook_token", RELAY_TOKEN)
                      .workDir(dir.resolve("work"))
                      .tick(Duration.ofMillis(100)));
      hub = chain.hub;
      token = chain.token;
      runner = chain.runner;
      relay =
          RelayInFront.start(
              runner,
              ChainOnLocalHub.PIPELINE,
              chain.pipelineYaml,
              Map.of("relay_webhook_token", RELAY_TOKEN),
              dir,
              log::add);
      hub.createHook(
          REPO, "http://127.0.0.1:" + relay.port() + "/github", "json", Fixtures.SECRET, "issues");
      runner.start();
    }

    /** Deploys CI and returns once its gate issue is open, waiting for someone to close it. */
    void deployCi() throws InterruptedException {
      Build ci = runner.awaitBuild("deploy-ci", 1, WAIT);
      assertThat(ci.status()).isEqualTo(Build.Status.SUCCEEDED);
      assertThat(hub.issue(REPO, 1).title()).isEqualTo("[bot] Concourse shop CI deployed.");
    }

    Build production(int number) throws InterruptedException {
      Build build = runner.awaitBuild("deploy-production", number, WAIT);
      assertThat(build.status()).isEqualTo(Build.Status.SUCCEEDED);
      return build;
    }

    long productionBuilds() {
      return runner.builds().stream().filter(b -> b.job().equals("deploy-production")).count();
    }

    /** The attempts to deliver the close of issue 1. */
    List<WebhookDelivery> closeDeliveries() {
      return hub.deliveries(REPO).stream()
          .filter(d -> "issues".equals(d.event()) && "closed".equals(d.action()))
          .toList();
    }

    /** The relay's calls of Concourse's check webhook that Concourse accepted. */
    double forwards() {
      return metric("trafficlight_relay_forwards_total{result=\"ok\"}");
    }

    double metric(String series) {
      for (String line : Fixtures.get(relay, "/metrics").body().split("\n")) {
        if (line.startsWith(series + " ")) {
          return Double.parseDouble(line.substring(series.length() + 1).trim());
        }
      }
      return 0;
    }

    /** Every GitHub API request localhub saw was made with the resource's token. */
    void assertOnlyTheResourceCalledGitHub() {
      List<RecordedRequest> requests = hub.requests();
      assertThat(requests).isNotEmpty();
      assertThat(requests)
          .allSatisfy(r -> assertThat(r.header("Authorization")).isNotNull().endsWith(token));
    }

    @Override
    public void close() {
      relay.close();
      chain.close();
    }
  }

  @Test
  void aDeliveredCloseStartsTheNextStageThroughTheRelay() throws Exception {
    try (Stack stack = new Stack("true")) {
      stack.deployCi();
      assertThat(stack.forwards()).isZero();

      stack.hub.closeIssue(REPO, 1, "alice");
      Build production = stack.production(1);

      // check_every is 1h: the only check of ci-promoted after the runner's first is the webhook's
      assertThat(stack.forwards()).isEqualTo(1.0);
      assertThat(stack.closeDeliveries())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.statusCode()).isEqualTo(200);
              });
      assertThat(production.inputs()).containsKey("ci-promoted");
      assertThat(stack.hub.issue(REPO, 1).title())
          .isEqualTo("[CONSUMED #1][bot] Concourse shop CI deployed.");
      assertThat(stack.productionBuilds()).isEqualTo(1);
      stack.assertOnlyTheResourceCalledGitHub();
      assertThat(log).isEmpty();
    }
  }

  @Test
  void aDroppedDeliveryIsMadeUpForByTheSafetyNetCheck() throws Exception {
    try (Stack stack = new Stack("{webhook_token: ((relay_webhook_token)), check_every: 1s}")) {
      stack.deployCi();
      stack.hub.inject(DeliveryFault.on("issues", "closed").policy(new DeliveryFaultPolicy.Drop()));

      stack.hub.closeIssue(REPO, 1, "alice");
      stack.production(1);

      assertThat(stack.closeDeliveries())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.statusCode()).isZero();
                assertThat(d.status()).isEqualTo("failed to connect to host");
              });
      assertThat(stack.forwards()).isZero();
      assertThat(stack.metric("trafficlight_relay_forwards_total{result=\"retrying\"}")).isZero();
      assertThat(stack.hub.issue(REPO, 1).title())
          .isEqualTo("[CONSUMED #1][bot] Concourse shop CI deployed.");
      assertThat(stack.productionBuilds()).isEqualTo(1);
      stack.assertOnlyTheResourceCalledGitHub();
    }
  }

  @Test
  void aDelayedDeliveryIsForwardedOnceAndStartsNoSecondBuild() throws Exception {
    try (Stack stack = new Stack("{webhook_token: ((relay_webhook_token)), check_every: 1s}")) {
      stack.deployCi();
      stack.hub.inject(
          DeliveryFault.on("issues", "closed")
              .policy(new DeliveryFaultPolicy.Delay(Duration.ofSeconds(4))));

      stack.hub.closeIssue(REPO, 1, "alice");
      stack.production(1);
      await(() -> stack.forwards() >= 1);
      assertThat(stack.closeDeliveries())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.statusCode()).isEqualTo(200);
              });

      // let the check the late forward asked for, and a safety-net check after it, run
      int searches = stack.hub.requestCount("issues/list-for-repo");
      await(() -> stack.hub.requestCount("issues/list-for-repo") >= searches + 2);
      assertThat(stack.forwards()).isEqualTo(1.0);
      assertThat(stack.productionBuilds()).isEqualTo(1);
      stack.assertOnlyTheResourceCalledGitHub();
    }
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as("waited %s", WAIT).isTrue();
  }
}
