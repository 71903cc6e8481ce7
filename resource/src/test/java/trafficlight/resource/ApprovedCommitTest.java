package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trigger resource's get says which commit the close approved: the newest recorded build. */
class ApprovedCommitTest extends AgainstLocalHub {

  static final String OLDER = "1a2b3c4d5e6f70819293a4b5c6d7e8f901234567";
  static final String NEWER = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";

  /** A QA build of {@code sha} puts its deploy on the QA issue (opening it or commenting). */
  void qaDeploys(String sha, String subject, String buildName) throws Exception {
    Path git = Files.createDirectories(directory("put").resolve("myapp/.git"));
    Files.writeString(git.resolve("ref"), sha + "\n");
    Files.writeString(git.resolve("commit_message"), subject + "\n");
    Run put = out(post(), Map.of("commit_from", "myapp"), build(buildName));
    assertThat(put.exit()).as(put.toString()).isZero();
    tick();
  }

  int qaIssue() {
    return hub.issues(REPO).get(0).number();
  }

  Map<String, String> closedVersion() {
    close(qaIssue());
    return check(trigger(), null).versions().get(0);
  }

  static Map<String, String> productionBuild(String name) {
    Map<String, String> env = new LinkedHashMap<>(build(name));
    env.put("BUILD_JOB_NAME", "deploy-production");
    return env;
  }

  Map<String, Object> ghIssue() throws Exception {
    return JSON.std.mapFrom(Files.readString(work.resolve("get/gh_issue.json")));
  }

  @Test
  void theNewestRecordedBuildIsTheApprovedCommit() throws Exception {
    qaDeploys(OLDER, "Add the cart", "11");
    qaDeploys(NEWER, "Fix the cart total", "12");
    Map<String, String> version = closedVersion();

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(Files.readString(work.resolve("get/commit"))).isEqualTo(NEWER + "\n");
    Map<String, Object> ghIssue = ghIssue();
    Map<String, Object> expected = new LinkedHashMap<>(version);
    expected.put(
        "approved",
        approved(
            run,
            NEWER,
            "Fix the cart total",
            "12",
            "https://ci.example.com/teams/main/pipelines/myapp/jobs/deploy-qa/builds/12"));
    assertThat(ghIssue).isEqualTo(expected);
    assertThat(run.metadata())
        .containsEntry("approved_commit", NEWER)
        .containsEntry("approved_subject", "Fix the cart total")
        .containsEntry("approved_by", "alice");
    assertThat(run.stderr()).contains("approved commit " + NEWER + " Fix the cart total");
  }

  private Map<String, Object> approved(
      Run run, String sha, String subject, String build, String url) {
    int number = qaIssue();
    Map<String, Object> approved = new LinkedHashMap<>();
    approved.put("issue", number);
    approved.put("issue_url", run.metadata().get("html_url"));
    approved.put("commit", sha);
    approved.put("subject", subject);
    approved.put("build", build);
    approved.put("job", build == null ? null : "deploy-qa");
    approved.put("build_url", url);
    approved.put("closed_by", "alice");
    approved.put("closed_at", hub.issue(REPO, number).closedAt().toString());
    return approved;
  }

  @Test
  void anIssueWithoutDeployRecordsStillWorksButPinsNothing() throws Exception {
    int number = open(TITLE, "pipeline-workflow");
    close(number);
    Map<String, String> version = check(trigger(), null).versions().get(0);

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(hub.issue(REPO, number).title()).startsWith("[CONSUMED #5]");
    assertThat(work.resolve("get/commit")).doesNotExist();
    assertThat(run.stderr())
        .contains("warning: #" + number + " records no deployed commit")
        .contains("no commit is pinned");
    assertThat(ghIssue().get("approved")).isEqualTo(approved(run, null, null, null, null));
    assertThat(run.metadata())
        .doesNotContainKey("approved_commit")
        .containsEntry("approved_by", "alice");
  }

  @Test
  void anOpenIssueApprovesNothing() throws Exception {
    qaDeploys(NEWER, "Fix the cart total", "12");
    Map<String, String> version = check(post(), null).versions().get(0);

    Run run = in(post(), version, Map.of(), build("12"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(work.resolve("get/commit")).doesNotExist();
    assertThat(ghIssue()).doesNotContainKey("approved");
    assertThat(run.stderr()).doesNotContain("warning");
  }
}
