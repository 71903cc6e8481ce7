package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trafficlight.json.Json;

class InTest extends AgainstLocalHub {

  private Map<String, String> closedVersion() {
    int number = open(TITLE, "pipeline-workflow");
    close(number);
    return check(trigger(), null).versions().get(0);
  }

  @Test
  void getConsumesAClosedIssueOnceAndWritesItsFiles() throws Exception {
    Map<String, String> version = closedVersion();
    hub.clearRequests();

    Run run = in(trigger(), version, Map.of(), build("42"));

    assertThat(run.exit()).as(run.toString()).isZero();
    int number = Integer.parseInt(version.get("issue_number"));
    assertThat(hub.issue(REPO, number).title()).isEqualTo("[CONSUMED #42]" + TITLE);
    assertThat(run.version()).isEqualTo(version);
    assertThat(run.metadata())
        .containsEntry("number", Integer.toString(number))
        .containsEntry("title", "[CONSUMED #42]" + TITLE)
        .containsEntry("state", "closed")
        .containsKey("html_url");
    Map<String, Object> ghIssue =
        Json.parseObject(Files.readString(work.resolve("get/gh_issue.json")));
    // mitodl's gh_issue.json is the version; what the close approved comes with it
    assertThat(ghIssue.remove("approved")).isNotNull();
    assertThat(ghIssue).isEqualTo(version);
    Map<String, Object> issue = Json.parseObject(Files.readString(work.resolve("get/issue.json")));
    assertThat(issue)
        .containsEntry("number", number)
        .containsEntry("state", "closed")
        .containsEntry("state_reason", "completed")
        .containsEntry("closed_by", "alice")
        .containsEntry("labels", List.of("pipeline-workflow"))
        .containsKeys("body", "html_url", "created_at", "closed_at", "comments");
    // read, rename, and one comment saying which build deploys it
    assertThat(hub.requests()).hasSize(3);
    assertThat(hub.issue(REPO, number).comments())
        .extracting(c -> c.body().lines().findFirst().orElseThrow())
        .containsExactly(
            "[deploy-qa #42](https://ci.example.com/teams/main/pipelines/myapp/jobs/deploy-qa/builds/42)"
                + " is deploying (no commit is pinned: the issue records none), approved by alice");
  }

  @Test
  void aRetriedGetDoesNotPrefixTwice() {
    Map<String, String> version = closedVersion();
    in(trigger(), version, Map.of(), build("42"));

    Run retry = in(trigger(), version, Map.of(), build("43"));

    assertThat(retry.exit()).isZero();
    assertThat(hub.issue(REPO, Integer.parseInt(version.get("issue_number"))).title())
        .isEqualTo("[CONSUMED #42]" + TITLE);
    // build 42 consumed it and said so; build 43 deploys nothing new to tell
    assertThat(hub.issue(REPO, Integer.parseInt(version.get("issue_number"))).comments())
        .hasSize(1);
  }

  @Test
  void theConsumedIssueNoLongerTriggers() {
    Map<String, String> version = closedVersion();
    in(trigger(), version, Map.of(), build("42"));

    assertThat(check(trigger(), version).versions()).containsExactly(version);
    assertThat(check(trigger(), null).versions()).isEmpty();
  }

  @Test
  void openIssuesAreNeverRenamed() {
    int number = open(TITLE, "pipeline-workflow", "promotion-to-production");
    Map<String, String> version = check(post(), null).versions().get(0);

    Run run = in(post(), version, Map.of(), build("7"));

    assertThat(run.exit()).isZero();
    assertThat(hub.issue(REPO, number).title()).isEqualTo(TITLE);
    assertThat(hub.requestCount("issues/update")).isZero();
  }

  @Test
  void consumeFalseReadsWithoutRenaming() {
    Map<String, String> version = closedVersion();

    Run run = in(trigger(), version, Map.of("consume", false), build("42"));

    assertThat(run.exit()).isZero();
    assertThat(hub.issue(REPO, Integer.parseInt(version.get("issue_number"))).title())
        .isEqualTo(TITLE);
    assertThat(Files.exists(work.resolve("get/gh_issue.json"))).isTrue();
    assertThat(hub.requestCount("issues/create-comment")).isZero();
  }

  @Test
  void aVanishedIssueFailsWithOneLine() {
    Map<String, String> version =
        Map.of(
            "issue_number", "999",
            "issue_title", TITLE,
            "issue_state", "closed",
            "issue_created_at", "2026-11-26T08:00:00",
            "issue_closed_at", "2026-11-26T08:01:00",
            "issue_url", hub.baseUrl() + "/repos/" + REPO + "/issues/999");

    Run run = in(trigger(), version, Map.of(), build("42"));

    assertFailedWithOneLine(run, "issue #999 of acme/gates no longer exists");
    assertThat(work.resolve("get/gh_issue.json")).doesNotExist();
  }

  @Test
  void unknownGetParamIsNamed() {
    Map<String, String> version = closedVersion();
    Run run = in(trigger(), version, Map.of("consumed", false), build("42"));
    assertFailedWithOneLine(run, "unknown get params key \"consumed\": did you mean \"consume\"?");
  }
}
