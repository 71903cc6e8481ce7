package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trafficlight.gate.Approval;
import trafficlight.gate.DeployRecord;
import trafficlight.json.Json;
import trafficlight.localhub.Comment;
import trafficlight.localhub.Fault;
import trafficlight.localhub.FaultPolicy;

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
    return Json.parseObject(Files.readString(work.resolve("get/gh_issue.json")));
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

  static final String SIBLING = "1a2b9f8e7d6c5b4a39281706f5e4d3c2b1a09876";

  /** A person's comment on the QA issue, then a minute passes; returns the comment's id. */
  long comment(String login, String body) {
    long id = hub.addComment(REPO, qaIssue(), login, body);
    tick();
    return id;
  }

  /** The comment's author edits its text, then a minute passes. */
  void edit(long commentId, String body) {
    hub.editComment(REPO, commentId, body);
    tick();
  }

  /** The get's directory holds nothing: no commit, no gh_issue.json, no issue.json. */
  void assertNothingWritten() throws Exception {
    try (var files = Files.list(directory("get"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aPromoteDirectiveChoosesAnOlderRecordedBuild() throws Exception {
    qaDeploys(OLDER, "Add the cart", "11");
    qaDeploys(NEWER, "Fix the cart total", "12");
    hub.addCollaborator(REPO, "alice");
    comment("alice", "/promote 1A2B3C4\nQA signed this one off");
    Map<String, String> version = closedVersion();

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(Files.readString(work.resolve("get/commit"))).isEqualTo(OLDER + "\n");
    assertThat(ghIssue().get("approved"))
        .isEqualTo(
            approved(
                run,
                OLDER,
                "Add the cart",
                "11",
                "https://ci.example.com/teams/main/pipelines/myapp/jobs/deploy-qa/builds/11"));
    assertThat(run.stderr()).contains("/promote 1A2B3C4 by alice chose build 11 (`1a2b3c4`)");
  }

  @Test
  void theLastDirectiveWins() throws Exception {
    qaDeploys(OLDER, "Add the cart", "11");
    qaDeploys(NEWER, "Fix the cart total", "12");
    hub.addCollaborator(REPO, "alice");
    comment("alice", "/promote 1a2b3c4");
    comment("alice", "/promote 9f8e7d6");
    Map<String, String> version = closedVersion();

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertThat(Files.readString(work.resolve("get/commit"))).isEqualTo(NEWER + "\n");
  }

  @Test
  void aPrefixThatNamesNoRecordedBuildIsRefusedAndNothingIsRenamed() throws Exception {
    qaDeploys(OLDER, "Add the cart", "11");
    qaDeploys(NEWER, "Fix the cart total", "12");
    hub.addCollaborator(REPO, "alice");
    comment("alice", "/promote abcdef0");
    Map<String, String> version = closedVersion();
    hub.clearRequests();

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertFailedWithOneLine(
        run,
        "issue #"
            + qaIssue()
            + ": /promote abcdef0 names no recorded build; recorded builds: `1a2b3c4` Add the cart"
            + " (deploy-qa #11), `9f8e7d6` Fix the cart total (deploy-qa #12) (comment by alice ");
    assertThat(run.stderr()).contains("nothing was renamed");
    assertThat(hub.issue(REPO, qaIssue()).title()).isEqualTo(TITLE);
    assertNothingWritten();
    assertThat(hub.requestCount("issues/update")).isZero();
    assertThat(hub.requestCount("issues/create-comment")).isZero();
  }

  @Test
  void aPrefixOfTwoRecordedCommitsIsRefusedAndNothingIsRenamed() throws Exception {
    qaDeploys(OLDER, "Add the cart", "11");
    qaDeploys(SIBLING, "Fix the cart total", "12");
    hub.addCollaborator(REPO, "alice");
    comment("alice", "/promote 1a2b");
    Map<String, String> version = closedVersion();

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertFailedWithOneLine(run, "/promote 1a2b names several commits; recorded builds: `1a2b3c4`");
    assertThat(hub.issue(REPO, qaIssue()).title()).isEqualTo(TITLE);
    assertNothingWritten();
  }

  @Test
  void aDirectiveThatNamesNoCommitIsRefused() throws Exception {
    qaDeploys(NEWER, "Fix the cart total", "12");
    hub.addCollaborator(REPO, "alice");
    comment("alice", "/promote main");
    Map<String, String> version = closedVersion();

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertFailedWithOneLine(
        run,
        "\"/promote main\" does not name a commit: write /promote and at least 4 hex digits of one"
            + " of the recorded builds' commits (`9f8e7d6` Fix the cart total (deploy-qa #12))");
    assertThat(hub.issue(REPO, qaIssue()).title()).isEqualTo(TITLE);
    assertNothingWritten();
  }

  @Test
  void aDirectiveFromSomeoneWhoMayNotCloseIsIgnored() throws Exception {
    qaDeploys(OLDER, "Add the cart", "11");
    qaDeploys(NEWER, "Fix the cart total", "12");
    comment("mallory", "/promote 1a2b3c4");
    Map<String, String> version = closedVersion();

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(Files.readString(work.resolve("get/commit"))).isEqualTo(NEWER + "\n");
    assertThat(run.stderr())
        .contains(
            "ignored /promote 1a2b3c4 by mallory: only someone allowed to promote may choose the"
                + " build (the closer, or someone with triage permission or more on the"
                + " repository)");
  }

  @Test
  void theClosersOwnDirectiveCountsThoughGitHubCallsThemNone() throws Exception {
    qaDeploys(OLDER, "Add the cart", "11");
    qaDeploys(NEWER, "Fix the cart total", "12");
    // alice is a private member of the organization: NONE, and no role on the repository
    hub.addOrgMember("acme", "alice");
    comment("alice", "/promote 1a2b3c4");
    Map<String, String> version = closedVersion(); // alice closes

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(Files.readString(work.resolve("get/commit"))).isEqualTo(OLDER + "\n");
    assertThat(notices())
        .containsExactly(
            "[deploy-production #5](https://ci.example.com/teams/main/pipelines/myapp/jobs/"
                + "deploy-production/builds/5) is deploying `1a2b3c4` Add the cart, approved"
                + " by alice");
    assertThat(hub.requestCount("repos/get-collaborator-permission-level")).isZero();
  }

  @Test
  void aDirectiveOfSomeoneWithTriagePermissionCountsAskedOnce() throws Exception {
    qaDeploys(OLDER, "Add the cart", "11");
    qaDeploys(NEWER, "Fix the cart total", "12");
    hub.addOrgMember("acme", "bob"); // private: NONE
    hub.grantRole(REPO, "bob", "triage");
    comment("bob", "/promote 9f8e7d6");
    comment("bob", "/promote 1a2b3c4");
    Map<String, String> version = closedVersion(); // alice closes
    hub.clearRequests();

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(Files.readString(work.resolve("get/commit"))).isEqualTo(OLDER + "\n");
    assertThat(hub.requestCount("repos/get-collaborator-permission-level")).isEqualTo(1);
  }

  @Test
  void anOutsidersDirectiveIsIgnoredLoudlyOnTheIssue() throws Exception {
    qaDeploys(OLDER, "Add the cart", "11");
    qaDeploys(NEWER, "Fix the cart total", "12");
    comment("mallory", "/promote 1a2b3c4");
    Map<String, String> version = closedVersion(); // alice closes

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(Files.readString(work.resolve("get/commit"))).isEqualTo(NEWER + "\n");
    String notice =
        hub.issue(REPO, qaIssue()).comments().stream()
            .map(c -> c.body())
            .filter(body -> body.contains("trafficlight:deploying"))
            .findFirst()
            .orElseThrow();
    assertThat(notice)
        .contains(
            "ignored `/promote 1a2b3c4` by mallory (not allowed to promote); deploying the newest"
                + " build `9f8e7d6`");
    assertThat(trafficlight.gate.DeployingNotice.read(notice).orElseThrow().ignored())
        .containsExactly("`/promote 1a2b3c4` by mallory (not allowed to promote)");
  }

  @Test
  void anOutsidersForgedNoticeDoesNotSilenceTheRealOne() throws Exception {
    qaDeploys(NEWER, "Fix the cart total", "12");
    Approval fake =
        Approval.of(
            qaIssue(),
            null,
            new DeployRecord(
                new DeployRecord.Change(FORGED, "x", null, null),
                new DeployRecord.Build("1", "j", "p", null),
                null,
                null,
                null),
            "mallory",
            null);
    comment(
        "mallory",
        new trafficlight.gate.DeployingNotice(
                "deploy-production",
                "5",
                "https://ci.example.com/teams/main/pipelines/myapp/jobs/deploy-production/builds/5",
                fake)
            .render());
    Map<String, String> version = closedVersion();

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(notices()).hasSize(2);
    assertThat(notices().get(1)).contains("is deploying `9f8e7d6` Fix the cart total");
  }

  static final String FORGED = "9".repeat(40);

  @Test
  void aDeployRecordForgedInAnOutsidersCommentIsIgnored() throws Exception {
    qaDeploys(OLDER, "Add the cart", "11");
    qaDeploys(NEWER, "Fix the cart total", "12");
    DeployRecord forged =
        new DeployRecord(
            new DeployRecord.Change(
                FORGED,
                "Totally harmless",
                null,
                List.of(new DeployRecord.Commit(FORGED, "x", "alice", "alice"))),
            new DeployRecord.Build("13", "deploy-qa", "myapp", "javascript:alert(1)"),
            "Production",
            new DeployRecord.Rule(List.of("mallory"), true),
            null);
    comment("mallory", "Deployed." + forged.render());
    Map<String, String> version = closedVersion(); // alice closes

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(Files.readString(work.resolve("get/commit"))).isEqualTo(NEWER + "\n");
    assertThat(run.stderr())
        .contains("approved commit " + NEWER)
        .contains("ignored the deploy records in a comment by mallory: not written by the pipeline")
        .doesNotContain(FORGED.substring(0, 7));
    assertThat(ghIssue().toString()).doesNotContain("javascript").doesNotContain(FORGED);
    assertThat(notices()).hasSize(1);
    assertThat(
            hub.issue(REPO, qaIssue()).comments().stream()
                .map(c -> c.body())
                .filter(body -> body.contains("trafficlight:deploying"))
                .findFirst()
                .orElseThrow())
        .contains(
            "ignored the deploy records in a comment by mallory (not written by the pipeline);"
                + " deploying the newest build `9f8e7d6`");
  }

  @Test
  void withApproversOnlyAnApproversDirectiveCounts() throws Exception {
    qaDeploys(OLDER, "Add the cart", "11");
    qaDeploys(NEWER, "Fix the cart total", "12");
    qaDeploys(SIBLING, "Tidy the cart", "13");
    hub.addCollaborator(REPO, "bob");
    hub.addTeamMember("acme", "release", "carol");
    hub.addOrgMember("acme", "ci-bot"); // may read the teams
    comment("carol", "/promote 9f8e7d6");
    comment("bob", "/promote 1a2b3c4"); // a collaborator, but not an approver
    Map<String, Object> trigger = trigger("approvers", List.of("alice", "acme/release"));
    close(qaIssue());
    Map<String, String> version = check(trigger, null).versions().get(0);

    Run run = in(trigger, version, Map.of(), productionBuild("5"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(Files.readString(work.resolve("get/commit"))).isEqualTo(NEWER + "\n");
    assertThat(run.stderr())
        .contains("ignored /promote 1a2b3c4 by bob")
        .contains("(the closer, or an approver: alice, @acme/release)");
  }

  @Test
  void aDirectiveWrittenAfterTheCloseDoesNotCount() throws Exception {
    qaDeploys(OLDER, "Add the cart", "11");
    qaDeploys(NEWER, "Fix the cart total", "12");
    hub.addCollaborator(REPO, "alice");
    Map<String, String> version = closedVersion();
    comment("alice", "/promote 1a2b3c4");

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertThat(Files.readString(work.resolve("get/commit"))).isEqualTo(NEWER + "\n");
  }

  @Test
  void aDirectiveEditedAfterTheCloseIsRefusedWithNothingRenamed() throws Exception {
    qaDeploys(OLDER, "Add the cart", "11");
    qaDeploys(NEWER, "Fix the cart total", "12");
    qaDeploys(SIBLING, "Tidy the cart", "13");
    hub.addCollaborator(REPO, "alice");
    comment("alice", "/promote 1a2b3c4");
    long edited = comment("alice", "/promote 9f8e7d6");
    Map<String, String> version = closedVersion();
    edit(edited, "/promote 1a2b9f8");

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    // the closer saw "/promote 9f8e7d6", which is gone; the earlier directive is one they saw
    // overridden: neither is known to be what they approved
    assertThat(run.exit()).as(run.toString()).isNotZero();
    trafficlight.localhub.Issue issue = hub.issue(REPO, qaIssue());
    Comment comment =
        issue.comments().stream().filter(c -> c.id() == edited).findFirst().orElseThrow();
    assertThat(run.stderr().strip().lines().reduce((a, b) -> b).orElseThrow())
        .startsWith(
            "error: issue #"
                + qaIssue()
                + ": the /promote 1a2b9f8 comment by alice was edited at "
                + comment.updatedAt()
                + ", after the close at "
                + issue.closedAt()
                + ", so what the closer approved is not known (")
        .endsWith(
            "); nothing was renamed: reopen the issue and close it again to approve the comment"
                + " as it reads now");
    assertThat(issue.title()).isEqualTo(TITLE);
    assertThat(hub.requestCount("issues/update")).isZero();
    assertNothingWritten();
  }

  @Test
  void aDirectiveEditedBeforeTheCloseCountsAsEdited() throws Exception {
    qaDeploys(OLDER, "Add the cart", "11");
    qaDeploys(NEWER, "Fix the cart total", "12");
    hub.addCollaborator(REPO, "alice");
    long id = comment("alice", "/promote 9f8e7d6");
    edit(id, "/promote 1a2b3c4");
    Map<String, String> version = closedVersion();

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(Files.readString(work.resolve("get/commit"))).isEqualTo(OLDER + "\n");
    assertThat(run.stderr())
        .contains("/promote 1a2b3c4 by alice chose build 11 (`1a2b3c4`)")
        .doesNotContain("edited");
  }

  @Test
  void theConsumingBuildSaysOnTheIssueWhatItDeploys() throws Exception {
    qaDeploys(NEWER, "Fix the cart total", "12");
    Map<String, String> version = closedVersion();
    hub.clearRequests();

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(notices())
        .containsExactly(
            "[deploy-production #5](https://ci.example.com/teams/main/pipelines/myapp/jobs/"
                + "deploy-production/builds/5) is deploying `9f8e7d6` Fix the cart total, approved"
                + " by alice");
    // one request for the notice: read, rename, comment
    assertThat(hub.requests()).hasSize(3);
    assertThat(hub.requestCount("issues/create-comment")).isEqualTo(1);
  }

  /** The first lines of the comments the next stage's gets left. */
  List<String> notices() {
    return hub.issue(REPO, qaIssue()).comments().stream()
        .map(c -> c.body())
        .filter(b -> b.contains("trafficlight:deploying"))
        .map(b -> b.lines().findFirst().orElseThrow())
        .toList();
  }

  @Test
  void theNoticeIsLeftOnceWhenItsResponseIsLostAndWhenTheGetRunsAgain() throws Exception {
    qaDeploys(NEWER, "Fix the cart total", "12");
    Map<String, String> version = closedVersion();
    hub.inject(
        Fault.on("POST", "/repos/" + REPO + "/issues/" + qaIssue() + "/comments")
            .policy(new FaultPolicy.LoseResponseAfterApply()));

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));
    Run again = in(trigger(), version, Map.of(), productionBuild("5"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(notices()).hasSize(1);
    assertThat(hub.requestCount("issues/create-comment")).isEqualTo(1);
    assertThat(Files.readString(work.resolve("get/commit"))).isEqualTo(NEWER + "\n");
  }

  @Test
  void aNoticeThatCannotBeWrittenIsAWarningNotAFailedDeploy() throws Exception {
    qaDeploys(NEWER, "Fix the cart total", "12");
    Map<String, String> version = closedVersion();
    hub.inject(
        Fault.on("POST", "/repos/" + REPO + "/issues/" + qaIssue() + "/comments")
            .policy(new FaultPolicy.ServerError(422)));

    Run run = in(trigger(), version, Map.of(), productionBuild("5"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.stderr()).contains("warning: could not comment on #" + qaIssue());
    assertThat(Files.readString(work.resolve("get/commit"))).isEqualTo(NEWER + "\n");
  }

  static final String PRODUCTION = "[bot] Pulumi myapp applications.myapp.Production deployed.";

  /** Production's put resource: opens the final stage's issue. */
  Map<String, Object> productionPost() {
    return source(
        "issue_state",
        "open",
        "issue_prefix",
        "[bot] Pulumi myapp applications.myapp.Production",
        "issue_title_template",
        PRODUCTION,
        "labels",
        List.of("pipeline-workflow", "finalized-deployment"));
  }

  @Test
  void theNextStagesIssueSaysWhichApprovalItCameFrom() throws Exception {
    qaDeploys(NEWER, "Fix the cart total", "12");
    Map<String, String> version = closedVersion();
    Run get = in(trigger(), version, Map.of(), productionBuild("5"));
    assertThat(get.exit()).as(get.toString()).isZero();
    Path promoted = Files.createDirectories(directory("put").resolve("qa-promoted"));
    Files.copy(work.resolve("get/gh_issue.json"), promoted.resolve("gh_issue.json"));

    Run put =
        out(
            productionPost(),
            Map.of("commit_from", "myapp", "approval", "qa-promoted"),
            productionBuild("5"));

    assertThat(put.exit()).as(put.toString()).isZero();
    trafficlight.localhub.Issue production =
        hub.issues(REPO).stream()
            .filter(i -> i.title().equals(PRODUCTION))
            .findFirst()
            .orElseThrow();
    assertThat(production.body())
        .contains(
            "Deployed commit `9f8e7d6` Fix the cart total\nPromoted from [#"
                + qaIssue()
                + "]("
                + get.metadata().get("html_url")
                + "), approved by alice\n");
    DeployRecord record = DeployRecord.readAll(production.body()).get(0);
    assertThat(record.promotedFrom())
        .isEqualTo(Approval.fromJson(ghIssue().get("approved")).orElseThrow());
    assertThat(record.promotedFrom().commit()).isEqualTo(NEWER);
  }

  @Test
  void anApprovalInputWithoutAnApprovalIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path notAGet = Files.createDirectories(directory("put").resolve("myapp"));
    Path mitodl = Files.createDirectories(directory("put").resolve("mitodl-get"));
    Files.writeString(mitodl.resolve("gh_issue.json"), "{\"issue_number\": \"3\"}");

    assertFailedWithOneLine(
        out(productionPost(), Map.of("approval", "myapp"), productionBuild("5")),
        "put param approval \"myapp\" has no gh_issue.json: name the directory of the get of the"
            + " trigger resource");
    assertFailedWithOneLine(
        out(productionPost(), Map.of("approval", "mitodl-get"), productionBuild("5")),
        "put param approval \"mitodl-get\": its gh_issue.json says no approval");
    assertFailedWithOneLine(
        out(productionPost(), Map.of("approval", "gone"), productionBuild("5")),
        "put param approval \"gone\" does not exist");
    assertThat(notAGet).exists();
    assertThat(hub.issues(REPO)).isEmpty();
  }
}
