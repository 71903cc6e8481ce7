package trafficlight.board;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import trafficlight.localhub.LocalHub;
import trafficlight.localhub.MovableClock;

/** Seeds gate issues into localhub the way the resource writes them. */
public final class Chain {

  static final String REPO = "acme/deploy-gates";
  static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

  public final LocalHub hub;
  public final String token;

  Chain() {
    hub = LocalHub.builder().clock(MovableClock.fixed(T0)).start();
    hub.createRepo(REPO);
    token = hub.createToken("board-bot");
  }

  void advance(Duration d) {
    hub.clock().advance(d);
  }

  static String title(String project, String stage) {
    return "[bot] Pulumi " + project + " applications." + project + "." + stage + " deployed.";
  }

  static String sha(char c) {
    return String.valueOf(c).repeat(40);
  }

  /** A body with the resource's deploy record, as {@code commit_from} writes it. */
  static String recordBody(String project, String stage, String build, String sha, String subject) {
    String job = "deploy-" + stage.toLowerCase();
    String url =
        "https://ci.example.com/teams/main/pipelines/"
            + project
            + "/jobs/"
            + job
            + "/builds/"
            + build;
    return "The task "
        + job
        + " in pipeline "
        + project
        + " has completed build number "
        + build
        + ".\nPlease refer to [the build log]("
        + url
        + ") for details of what changes this includes.\n"
        + "Closing this issue will trigger the next job in the pipeline "
        + project
        + ".\n\nDeployed commit `"
        + sha.substring(0, 7)
        + "` "
        + subject
        + "\n<!-- trafficlight:deploy {\"commit\":\""
        + sha
        + "\",\"subject\":\""
        + subject
        + "\",\"build_name\":\""
        + build
        + "\",\"job\":\""
        + job
        + "\",\"pipeline\":\""
        + project
        + "\",\"build_url\":\""
        + url
        + "\",\"future_key\":1} -->\n";
  }

  /** mitodl's default body: only a build log link. */
  static String mitodlBody(String project, String stage, String build) {
    String job = "deploy-" + stage.toLowerCase();
    return "The task "
        + job
        + " in pipeline "
        + project
        + " has completed build number "
        + build
        + ".\nPlease refer to [the build log](https://ci.example.com/teams/main/pipelines/"
        + project
        + "/jobs/"
        + job
        + "/builds/"
        + build
        + ") for details of what changes this includes.\n";
  }

  int deploy(String project, String stage, String next, String build, String sha, String subject) {
    List<String> labels =
        next == null
            ? List.of("pipeline-workflow", "finalized-deployment")
            : List.of("pipeline-workflow", "promotion-to-" + next);
    return hub.createIssue(
        REPO,
        title(project, stage),
        recordBody(project, stage, build, sha, subject),
        labels,
        "ci-bot");
  }

  void redeploy(int issue, String project, String stage, String build, String sha, String subject) {
    hub.addComment(REPO, issue, "ci-bot", recordBody(project, stage, build, sha, subject));
  }

  void consume(int issue, String build) {
    var i = hub.issue(REPO, issue);
    hub.renameIssue(REPO, issue, "[CONSUMED #" + build + "] " + i.title());
  }

  /**
   * The seeded chain: myapp CI (promoted by alice, consumed), QA waiting with three builds,
   * Production never deployed; billing CI waiting.
   */
  Seeded seed() {
    int ci = deploy("myapp", "CI", "qa", "7", sha('a'), "Add the login page");
    advance(Duration.ofMinutes(10));
    hub.closeIssue(REPO, ci, "alice");
    advance(Duration.ofMinutes(5));
    int qa = deploy("myapp", "QA", "production", "3", sha('a'), "Add the login page");
    consume(ci, "3");
    advance(Duration.ofMinutes(30));
    int ci2 = deploy("myapp", "CI", "qa", "8", sha('b'), "Fix the login page");
    advance(Duration.ofMinutes(1));
    hub.addComment(REPO, qa, "carol", "Looks good on QA, waiting for the release window.");
    advance(Duration.ofMinutes(1));
    hub.closeIssue(REPO, ci2, "bob");
    advance(Duration.ofMinutes(5));
    redeploy(qa, "myapp", "QA", "4", sha('b'), "Fix the login page");
    consume(ci2, "4");
    advance(Duration.ofMinutes(20));
    int billing =
        hub.createIssue(
            REPO,
            title("billing", "CI"),
            mitodlBody("billing", "CI", "41"),
            List.of("pipeline-workflow", "promotion-to-qa"),
            "ci-bot");
    hub.createIssue(
        REPO, "Deploy freeze over the holidays", "no", List.of("pipeline-workflow"), "dan");
    advance(Duration.ofMinutes(60));
    return new Seeded(ci, qa, ci2, billing);
  }

  public record Seeded(int ci, int qa, int ci2, int billing) {}
}
