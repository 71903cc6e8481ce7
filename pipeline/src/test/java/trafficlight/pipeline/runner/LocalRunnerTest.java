package trafficlight.pipeline.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.concourse.ConcourseUrls;
import trafficlight.concourse.PipelineRef;
import trafficlight.localhub.Issue;
import trafficlight.localhub.LocalHub;
import trafficlight.pipeline.TestGit;

/**
 * The runner on a generated two-stage pipeline: dist/opt/resource against localhub for the gates,
 * the demo code resource for the code, a shell task as the deploy.
 */
class LocalRunnerTest {

  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path tmp;

  @Test
  void runsTheChainThroughTheResourceExecutables() throws Exception {
    Path repo = TestGit.init(tmp.resolve("shop"));
    DemoCodeResource code = new DemoCodeResource(null, repo);
    Map<String, String> first =
        code.push(TestGit.commit(repo, "Fix the login page"), "Fix the login page");
    try (ChainOnLocalHub chain =
        ChainOnLocalHub.of(
            new ChainOnLocalHub.Chain("CI, Production", "check_every: 1h\nwebhook_token: hook\n"),
            code,
            r -> {})) {
      LocalHub hub = chain.hub;
      LocalRunner runner = chain.runner;
      runner.start();

      Build ci = runner.awaitBuild("deploy-ci", 1, Duration.ofSeconds(60));
      assertThat(ci.status()).isEqualTo(Build.Status.SUCCEEDED);
      assertThat(ci.inputs()).containsEntry("shop", first);
      Issue gate = hub.issue("demo/gates", 1);
      assertThat(gate.title()).isEqualTo("[bot] Concourse shop CI deployed.");
      assertThat(gate.labels()).containsExactly("pipeline-workflow", "promotion-to-production");
      assertThat(gate.body())
          .contains(runner.url() + "/teams/main/pipelines/shop/jobs/deploy-ci/builds/1")
          .contains("Fix the login page");
      assertThat(get(ci.url()).body())
          .contains("deploy-ci #1 (succeeded)")
          .contains("deploying Fix the login page to CI");

      assertThat(post(webhook(runner, "shop", "ci-promoted", "wrong")).statusCode()).isEqualTo(401);
      hub.closeIssue("demo/gates", 1, "alice");
      assertThat(post(webhook(runner, "shop", "ci-promoted", "hook")).statusCode()).isEqualTo(201);

      Build production = runner.awaitBuild("deploy-production", 1, Duration.ofSeconds(60));
      assertThat(production.status()).isEqualTo(Build.Status.SUCCEEDED);
      assertThat(production.inputs()).containsEntry("shop", first);
      assertThat(hub.issue("demo/gates", 1).title())
          .isEqualTo("[CONSUMED #1][bot] Concourse shop CI deployed.");
      assertThat(hub.issue("demo/gates", 2).labels())
          .containsExactly("pipeline-workflow", "finalized-deployment");
      assertThat(chain.steps)
          .containsExactly(
              "deploy-ci#1 get shop",
              "deploy-ci#1 task deploy",
              "deploy-ci#1 put ci-deployed",
              "deploy-ci#1 implicit get ci-deployed",
              "deploy-production#1 get ci-promoted",
              "deploy-production#1 get shop",
              "deploy-production#1 task pin-approved-commit",
              "deploy-production#1 task deploy",
              "deploy-production#1 put production-deployed",
              "deploy-production#1 implicit get production-deployed");
    }
  }

  @Test
  void refusesWhatItDoesNotRun() {
    assertThatThrownBy(
            () ->
                LocalRunner.builder("p", "jobs:\n- name: j\n  plan:\n  - in_parallel: []\n")
                    .build())
        .hasMessageContaining("jobs.j: the local runner runs get, put and task steps");
    assertThatThrownBy(
            () ->
                LocalRunner.builder(
                        "p", "resources:\n- {name: r, type: git, source: {}}\njobs: []\n")
                    .build())
        .hasMessageContaining("resource r: the local runner has no implementation of type git");
    assertThatThrownBy(
            () ->
                LocalRunner.builder(
                        "p",
                        "resources:\n- {name: r, type: git, source: {uri: ((nope))}}\njobs: []\n")
                    .build())
        .hasMessageContaining("((nope)) has no value");
  }

  @Test
  void readsGoDurations() {
    assertThat(RunnerPipeline.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(RunnerPipeline.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThatThrownBy(() -> RunnerPipeline.duration("15 minutes"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static final String DEMO =
      """
      resources:
      - {name: app, type: demo-code, source: {}, check_every: 1h, webhook_token: hook}
      - {name: notes, type: demo-code, source: {}, webhook_token: hook}
      jobs:
      - name: build
        plan:
        - {get: app, trigger: true}
        - task: show
          config:
            platform: linux
            run: {path: sh, args: [-c, 'echo "building $(cat app/CHANGE)"']}
      """;

  @Test
  void aVersionFoundWhileABuildRunsIsBuiltNextAndOnlyOnce() throws Exception {
    DemoCodeResource code = new DemoCodeResource();
    Map<String, String> first = code.push("first");
    List<Map<String, String>> pushed = new CopyOnWriteArrayList<>();
    LocalRunner[] runner = new LocalRunner[1];
    try (LocalRunner r =
        LocalRunner.builder("demo", DEMO)
            .resourceType("demo-code", code)
            .tick(Duration.ofMillis(20))
            .listener(
                new RunnerListener() {
                  @Override
                  public void buildStarted(Build build) {
                    if (build.number() == 1) {
                      pushed.add(code.push("second"));
                      runner[0].checkNow("app");
                    }
                  }
                })
            .build()) {
      runner[0] = r;
      r.start();

      assertThat(r.awaitBuild("build", 1, Duration.ofSeconds(30)).inputs())
          .containsEntry("app", first);
      Build second = r.awaitBuild("build", 2, Duration.ofSeconds(30));
      assertThat(second.status()).isEqualTo(Build.Status.SUCCEEDED);
      assertThat(second.inputs()).containsEntry("app", pushed.get(0));
      assertThat(get(second.url()).body()).contains("building second");

      r.checkNow("app");
      Thread.sleep(500);
      assertThat(r.builds()).hasSize(2);
    }
  }

  @Test
  void theWebhookChecksEvenAResourceNoJobGets() throws Exception {
    DemoCodeResource code = new DemoCodeResource();
    code.push("first");
    List<String> found = new CopyOnWriteArrayList<>();
    try (LocalRunner runner =
        LocalRunner.builder("demo", DEMO)
            .resourceType("demo-code", code)
            .tick(Duration.ofMillis(20))
            .listener(
                new RunnerListener() {
                  @Override
                  public void versionsFound(String resource, List<Map<String, String>> versions) {
                    found.add(resource);
                  }
                })
            .build()) {
      runner.start();
      runner.awaitBuild("build", 1, Duration.ofSeconds(30));
      assertThat(found).containsExactly("app");

      assertThat(post(webhook(runner, "demo", "notes", "hook")).statusCode()).isEqualTo(201);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (found.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(found).containsExactly("app", "notes");
    }
  }

  @Test
  void aBuildIsFinishedEvenWhenTheListenerFails() throws Exception {
    DemoCodeResource code = new DemoCodeResource();
    code.push("first");
    try (LocalRunner runner =
        LocalRunner.builder("demo", DEMO)
            .resourceType("demo-code", code)
            .tick(Duration.ofMillis(20))
            .listener(
                new RunnerListener() {
                  @Override
                  public void buildStarted(Build build) {
                    throw new IllegalStateException("listener broke");
                  }
                })
            .build()) {
      runner.start();
      Build build = runner.awaitBuild("build", 1, Duration.ofSeconds(30));
      assertThat(build.status()).isEqualTo(Build.Status.FAILED);
      assertThat(get(build.url()).body()).contains("listener broke").endsWith("failed\n");
    }
  }

  static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Concourse's check webhook of a resource, as a pipeline's webhook configuration names it. */
  static String webhook(LocalRunner runner, String pipeline, String resource, String token) {
    return new ConcourseUrls(runner.url(), "main", PipelineRef.named(pipeline))
        .checkWebhook(resource, token)
        .toString();
  }

  static HttpResponse<String> post(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
