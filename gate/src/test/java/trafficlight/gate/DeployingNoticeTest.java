package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployingNoticeTest {

  private static final String SHA = "abc1234d5e6f70819293a4b5c6d7e8f901234567";
  private static final String URL =
      "https://ci.example.com/teams/main/pipelines/myapp/jobs/deploy-production/builds/12";

  private static Approval approval(String sha) {
    DeployRecord qa =
        new DeployRecord(
            new DeployRecord.Change(sha, sha == null ? null : "Fix the cart total", null, null),
            new DeployRecord.Build("7", "deploy-qa", "myapp", "https://ci.example.com/b/7"),
            "Production",
            null,
            null);
    return Approval.of(
        1425,
        "https://github.com/acme/gates/issues/1425",
        qa,
        "alice",
        Instant.parse("2026-11-26T09:15:02Z"));
  }

  @Test
  void saysWhoDeploysWhatAndWhoApprovedItWithTheBuildsLink() {
    DeployingNotice notice = new DeployingNotice("deploy-production", "12", URL, approval(SHA));
    assertThat(notice.render())
        .startsWith(
            "[deploy-production #12]("
                + URL
                + ") is deploying `abc1234` Fix the cart total, approved by alice\n");
    assertThat(DeployingNotice.read("some text\n" + notice.render())).contains(notice);
  }

  @Test
  void isNeverReadAsADeployRecord() {
    String text = new DeployingNotice("deploy-production", "12", URL, approval(SHA)).render();
    assertThat(DeployRecord.readAll(text)).isEmpty();
  }

  @Test
  void saysSoWhenNoCommitIsPinned() {
    assertThat(new DeployingNotice("deploy-production", "12", URL, approval(null)).render())
        .contains("is deploying (no commit is pinned: the issue records none), approved by alice");
  }

  @Test
  void tellsTheSameBuildByItsLink() {
    DeployingNotice one = new DeployingNotice("deploy-production", "12", URL, approval(SHA));
    assertThat(one.sameBuild(new DeployingNotice("x", "y", URL, approval(null)))).isTrue();
    assertThat(
            one.sameBuild(new DeployingNotice("deploy-production", "12", URL + "3", approval(SHA))))
        .isFalse();
  }

  @Test
  void otherCommentsHoldNone() {
    assertThat(DeployingNotice.read("Promoted by alice")).isEmpty();
    assertThat(DeployingNotice.read("<!-- trafficlight:deploying {not json} -->")).isEmpty();
  }

  @Test
  void namesWhatItIgnoredOnceAndReadsItBack() {
    DeployingNotice notice =
        new DeployingNotice(
            "deploy-production",
            "12",
            URL,
            approval(SHA),
            null,
            List.of(
                DeployingNotice.ignoredDirective(new PromoteDirective("4d2b36c"), "mallory"),
                DeployingNotice.ignoredRecords("mallory")));
    String text = notice.render();
    assertThat(text)
        .contains(
            "\n\nignored `/promote 4d2b36c` by mallory (not allowed to promote); deploying the"
                + " newest build `abc1234`\n")
        .contains(
            "ignored the deploy records in a comment by mallory (not written by the pipeline);"
                + " deploying the newest build `abc1234`");
    assertThat(DeployingNotice.read(text)).contains(notice);
    assertThat(
            new DeployingNotice("d", "1", URL, approval(SHA), "bob", notice.ignored())
                .ignoredLines()
                .get(0))
        .endsWith("; deploying the build bob picked `abc1234`");
  }

  @Test
  void keepsOnlyWebLinks() {
    DeployingNotice notice =
        new DeployingNotice("deploy-production", "12", "javascript:alert(1)", approval(SHA));
    assertThat(notice.buildUrl()).isNull();
    assertThat(notice.render()).doesNotContain("javascript");
    Approval approval =
        new Approval(1, "javascript:alert(1)", SHA, null, "7", "j", "data:x", "alice", null);
    assertThat(approval.toJson()).containsEntry("issue_url", null).containsEntry("build_url", null);
  }
}
