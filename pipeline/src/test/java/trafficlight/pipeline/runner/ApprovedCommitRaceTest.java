package trafficlight.pipeline.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.localhub.Issue;
import trafficlight.localhub.LocalHub;
import trafficlight.pipeline.PinStep;
import trafficlight.pipeline.TestGit;

/**
 * What you approve is what ships, in the local runner: the generated QA -> Production pipeline,
 * dist/opt/resource against localhub for the gates, a real git repository for the code. The moments
 * that matter are held deterministically: a listener runs the person's action inside the build,
 * between two of its steps, on the runner's own thread.
 */
class ApprovedCommitRaceTest {

  static final String GATES = ChainOnLocalHub.GATES;
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  ChainOnLocalHub chain;
  LocalHub hub;
  LocalRunner runner;
  Path repo;
  DemoCodeResource code;
  List<String> steps;

  void start(boolean pin) throws Exception {
    repo = TestGit.init(tmp.resolve("shop"));
    code = new DemoCodeResource(null, repo);
    chain =
        ChainOnLocalHub.of(
            new ChainOnLocalHub.Chain(
                "QA, Production",
                "echo \"deploying $(git -C shop rev-parse --short=7 HEAD) $(cat shop/CHANGE) to"
                    + " $STAGE\"",
                "check_every: 1h\npin: " + pin + "\n"),
            code,
            r -> r.tick(Duration.ofMillis(20)));
    hub = chain.hub;
    runner = chain.runner;
    steps = chain.steps;
    runner.start();
  }

  @AfterEach
  void stop() {
    if (chain != null) {
      chain.close();
    }
  }

  /** A commit on the branch, announced to the runner as a new version of the code. */
  String push(String subject) throws Exception {
    String sha = TestGit.commit(repo, subject);
    code.push(sha, subject);
    runner.checkNow("shop");
    return sha;
  }

  /** The person closes the gate issue; the trigger is checked at once (as the relay makes it). */
  Runnable close(int issue) {
    return () -> {
      hub.closeIssue(GATES, issue, "alice");
      runner.checkNow("qa-promoted");
    };
  }

  /**
   * QA has deployed {@code approved} (issue #1); the next QA build, of a newer commit, is deploying
   * when the person closes #1, and finishes after the close, opening #2; then Production starts.
   */
  void closeWhileTheNextQaBuildDeploys(String approved) throws Exception {
    assertThat(runner.awaitBuild("deploy-qa", 1, TIMEOUT).status())
        .isEqualTo(Build.Status.SUCCEEDED);
    assertThat(hub.issue(GATES, 1).body()).contains(short7(approved));
    chain.afterStep("deploy-qa#2 task deploy", close(1));
  }

  /** What the race left: the commit approved in QA, the newer one, and Production's build. */
  record Race(String approved, String newer, Build production) {}

  /**
   * The race: a commit is approved while the next QA build, of a newer commit, deploys; then
   * Production runs, with the pin step or without it.
   */
  Race race(boolean pin) throws Exception {
    start(pin);
    String approved = push("Add the checkout page");
    closeWhileTheNextQaBuildDeploys(approved);
    String newer = push("Fix the cart total");
    return new Race(approved, newer, runner.awaitBuild("deploy-production", 1, TIMEOUT));
  }

  Issue productionIssue() {
    return hub.issues(GATES).stream()
        .filter(i -> i.title().contains("Production"))
        .findFirst()
        .orElse(null);
  }

  @Test
  void theApprovedCommitShipsThoughANewerBuildFinishedAfterTheClose() throws Exception {
    Race race = race(true);
    String approved = race.approved();
    String newer = race.newer();
    Build production = race.production();

    assertThat(hub.issue(GATES, 2).body()).contains(short7(newer)); // the newer build's own issue
    assertThat(production.status()).isEqualTo(Build.Status.SUCCEEDED);
    assertThat(production.inputs().get("shop")).isEqualTo(Map.of("ref", newer)); // what it fetched
    String log = LocalRunnerTest.get(production.url()).body();
    assertThat(log)
        .contains("deploying " + short7(approved) + " Add the checkout page to Production")
        .doesNotContain("deploying " + short7(newer));
    assertThat(productionIssue().body())
        .contains("Deployed commit `" + short7(approved) + "`")
        .contains(
            "Promoted from [#1](" + hub.baseUrl() + "/demo/gates/issues/1), approved by alice")
        .doesNotContain(short7(newer));
    assertThat(log)
        .contains(
            "pin-approved-commit: shop is at "
                + short7(approved)
                + " Add the checkout page, the approved commit (qa-promoted/commit); the fetched"
                + " version was "
                + short7(newer));
    assertThat(steps)
        .containsSubsequence(
            "deploy-production#1 get qa-promoted",
            "deploy-production#1 get shop",
            "deploy-production#1 task " + PinStep.NAME,
            "deploy-production#1 task deploy",
            "deploy-production#1 put production-deployed");
  }

  /** The race as today's pipeline runs it: what passed QA last ships, approved or not. */
  @Test
  void withoutThePinTheNewerUnapprovedBuildShips() throws Exception {
    Race race = race(false);
    String newer = race.newer();
    Build production = race.production();

    assertThat(production.status()).isEqualTo(Build.Status.SUCCEEDED);
    assertThat(LocalRunnerTest.get(production.url()).body())
        .contains("deploying " + short7(newer) + " Fix the cart total to Production");
    assertThat(productionIssue().body()).contains("Deployed commit `" + short7(newer) + "`");
    assertThat(steps).doesNotContain("deploy-production#1 task " + PinStep.NAME);
  }

  @Test
  void aForcePushedHistoryFailsThePinStepAndNothingDeploys() throws Exception {
    start(true);
    TestGit.commit(repo, "The first page");
    String base = TestGit.git(repo, "rev-parse", "HEAD");
    String approved = push("Add the checkout page");
    closeWhileTheNextQaBuildDeploys(approved);
    TestGit.git(repo, "reset", "-q", "--hard", base);
    push("Add the checkout page, rebased");

    Build production = runner.awaitBuild("deploy-production", 1, TIMEOUT);

    assertThat(production.status()).isEqualTo(Build.Status.FAILED);
    assertThat(LocalRunnerTest.get(production.url()).body())
        .contains(
            "pin-approved-commit: the approved commit "
                + approved
                + " is not in the fetched history of shop (the branch was force-pushed without"
                + " it); nothing was deployed\n")
        .doesNotContain("deploying ");
    assertThat(steps)
        .contains("deploy-production#1 task " + PinStep.NAME + " failed")
        .doesNotContain("deploy-production#1 task deploy")
        .noneMatch(s -> s.startsWith("deploy-production#1 put"));
    assertThat(productionIssue()).isNull();
  }

  @Test
  void aPromoteOfAnOlderRecordedBuildShipsThatBuild() throws Exception {
    start(true);
    String older = push("Add the checkout page");
    runner.awaitBuild("deploy-qa", 1, TIMEOUT);
    String newer = push("Fix the cart total");
    runner.awaitBuild("deploy-qa", 2, TIMEOUT);
    assertThat(hub.issue(GATES, 1).comments()).isNotEmpty(); // QA #2 commented on #1
    hub.addCollaborator(GATES, "carol");
    hub.addComment(GATES, 1, "carol", "/promote " + short7(older));
    close(1).run();

    Build production = runner.awaitBuild("deploy-production", 1, TIMEOUT);

    assertThat(production.status()).isEqualTo(Build.Status.SUCCEEDED);
    assertThat(production.inputs().get("shop")).isEqualTo(Map.of("ref", newer));
    assertThat(LocalRunnerTest.get(production.url()).body())
        .contains("deploying " + short7(older) + " Add the checkout page to Production");
    assertThat(productionIssue().body())
        .contains("Deployed commit `" + short7(older) + "`")
        .doesNotContain(short7(newer));
  }

  @Test
  void aBadPromoteIsRefusedNothingRenamedNothingDeployed() throws Exception {
    start(true);
    push("Add the checkout page");
    runner.awaitBuild("deploy-qa", 1, TIMEOUT);
    push("Fix the cart total");
    runner.awaitBuild("deploy-qa", 2, TIMEOUT);
    String title = hub.issue(GATES, 1).title();
    hub.addCollaborator(GATES, "carol");
    hub.addComment(GATES, 1, "carol", "/promote 0000000");
    close(1).run();

    Build production = runner.awaitBuild("deploy-production", 1, TIMEOUT);

    assertThat(production.status()).isEqualTo(Build.Status.FAILED);
    assertThat(LocalRunnerTest.get(production.url()).body())
        .contains("issue #1: ")
        .contains("nothing was renamed")
        .doesNotContain("deploying ");
    assertThat(hub.issue(GATES, 1).title()).isEqualTo(title);
    assertThat(steps)
        .contains("deploy-production#1 get qa-promoted failed")
        .noneMatch(s -> s.startsWith("deploy-production#1 task"))
        .noneMatch(s -> s.startsWith("deploy-production#1 put"));
    assertThat(productionIssue()).isNull();
  }

  static String short7(String sha) {
    return sha.substring(0, 7);
  }
}
