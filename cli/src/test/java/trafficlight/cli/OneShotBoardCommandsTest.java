package trafficlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trafficlight.gate.DeployRecord;

/**
 * status, where and promote against localhub, in-process. The issues are typed as an older resource
 * wrote them, with no {@code next_stage} in their deploy records, so the stage never deployed reads
 * as its label spells it ({@code production}); {@link DemoIT} checks the chain's spelling on issues
 * that the current resource wrote.
 */
class OneShotBoardCommandsTest extends AgainstGates {

  static final String A = "a".repeat(40);
  static final String B = "b".repeat(40);

  int qa;

  @BeforeEach
  void seed() {
    int ci = deploy("CI", "qa", "7", A, "Add the login page");
    hub.clock().advance(Duration.ofMinutes(10));
    hub.closeIssue(REPO, ci, "alice");
    hub.clock().advance(Duration.ofMinutes(5));
    qa = deploy("QA", "production", "3", A, "Add the login page");
    hub.renameIssue(REPO, ci, "[CONSUMED #3] " + hub.issue(REPO, ci).title());
    hub.clock().advance(Duration.ofMinutes(30));
    int ci2 = deploy("CI", "qa", "8", B, "Fix the login page");
    hub.clock().advance(Duration.ofMinutes(2));
    hub.closeIssue(REPO, ci2, "bob");
    hub.clock().advance(Duration.ofMinutes(5));
    hub.addComment(REPO, qa, "ci-bot", body("QA", "4", B, "Fix the login page"));
    hub.renameIssue(REPO, ci2, "[CONSUMED #4] " + hub.issue(REPO, ci2).title());
    hub.clock().advance(Duration.ofMinutes(83));
  }

  int deploy(String stage, String next, String build, String sha, String subject) {
    return hub.createIssue(
        REPO,
        "[bot] Pulumi myapp applications.myapp." + stage + " deployed.",
        body(stage, build, sha, subject),
        List.of("pipeline-workflow", "promotion-to-" + next),
        "ci-bot");
  }

  static String body(String stage, String build, String sha, String subject) {
    String job = "deploy-" + stage.toLowerCase(Locale.ROOT);
    String url =
        "https://ci.example.com/teams/main/pipelines/myapp/jobs/" + job + "/builds/" + build;
    return "The task "
        + job
        + " in pipeline myapp has completed build number "
        + build
        + ".\nPlease refer to [the build log]("
        + url
        + ") for details of what changes this includes.\n\nDeployed commit `"
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
        + "\",\"pipeline\":\"myapp\",\"build_url\":\""
        + url
        + "\"} -->\n";
  }

  @Test
  void statusIsATableWithoutColourWhenNotATerminal() {
    Run r = run(new StatusCommand());
    System.out.println(r.out());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .doesNotContain("\u001b[")
        .contains("PROJECT  STAGE       LIGHT  STATUS")
        .containsPattern("myapp +CI +green +promoted by bob, consumed by #4 +#3 ")
        .containsPattern(
            "myapp +QA +amber +waiting \\d+[dhm] \\d+[hm], 2 builds +#2 +2026-11-20 08:52 UTC +deploy-qa #4 +bbbbbbb Fix the login page")
        .containsPattern("myapp +production +grey +never deployed +-");
    assertThat(r.out() + r.err()).doesNotContain(token);

    Run colour = run(new StatusCommand(), "--color", "always");
    assertThat(colour.out()).contains("\u001b[33m\u25cf amber");
  }

  @Test
  void statusJson() {
    Run r = run(new StatusCommand(), "--json", "--project", "myapp");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("\"light\": \"amber\"")
        .contains("\"builds_waiting\": 2")
        .contains("\"closed_by\": \"bob\"");
    Run none = run(new StatusCommand(), "--project", "nope");
    assertThat(none.code()).isEqualTo(3);
    assertThat(none.err()).contains("no project \"nope\" in acme/deploy-gates; projects: myapp");
  }

  @Test
  void whereTellsWhatWouldPromoteIt() {
    Run r = run(new WhereCommand(), "bbbbbbb");
    System.out.println(r.out());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "commit bbbbbbbbbbbb Fix the login page\n"
                + "myapp\n"
                + "  CI          deployed 2026-11-20 08:45 UTC by deploy-ci #8 (issue #3)\n"
                + "  QA          deployed 2026-11-20 08:52 UTC by deploy-qa #4 (issue #2)\n"
                + "  production  not yet: close #2 to promote it from QA (waiting since 2026-11-20 08:15 UTC)\n");
    Run json = run(new WhereCommand(), "--json", "aaaa");
    assertThat(json.out()).contains("\"close_to_promote\": 2");
    Run none = run(new WhereCommand(), "cccc");
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.out()).contains("no deploy in acme/deploy-gates records commit cccc");
  }

  @Test
  void promoteClosesTheIssueThenRefuses() {
    Run r = run(new PromoteCommand(), "myapp", "QA", "--by", "dana");
    System.out.println(r.out());
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("promoted myapp QA to production: closed #2 (2 builds) ");
    assertThat(hub.issue(REPO, qa).state()).isEqualTo("closed");
    assertThat(hub.issue(REPO, qa).closedBy()).isEqualTo("release-bot");

    Run again = run(new PromoteCommand(), "myapp", "QA");
    System.out.println(again.err());
    assertThat(again.code()).isEqualTo(3);
    assertThat(again.err())
        .startsWith(
            "nothing waits for promotion in myapp QA: its latest issue #2 was closed by release-bot at ");
    Run last = run(new PromoteCommand(), "myapp", "production");
    assertThat(last.err())
        .isEqualTo("nothing to promote: myapp production has never been deployed\n");
  }

  @Test
  void promoteWithACommitChoosesThatBuildInItsComment() {
    hub.addCollaborator(REPO, "release-bot");

    Run r = run(new PromoteCommand(), "myapp", "QA", "--by", "dana", "--commit", "AAAAAAA");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("promoted myapp QA to production: closed #2 (2 builds) ")
        .endsWith("; approved build 3 (aaaaaaa Add the login page)\n");
    assertThat(r.err()).isEmpty();
    assertThat(hub.issue(REPO, qa).state()).isEqualTo("closed");
    String comment = hub.issue(REPO, qa).comments().get(1).body();
    assertThat(comment.lines().findFirst()).contains("/promote " + A);
    assertThat(trafficlight.gate.PromoteDirective.parse(comment))
        .contains(new trafficlight.gate.PromoteDirective(A));
  }

  /** The next stage's get of the trigger resource, in-process: returns the commit it pinned. */
  String nextStageGets() throws Exception {
    java.util.Map<String, Object> source = new java.util.LinkedHashMap<>();
    source.put("repository", REPO);
    source.put("gh_host", hub.baseUrl());
    source.put("access_token", hub.createToken("ci-bot"));
    source.put("issue_prefix", "[bot] Pulumi myapp applications.myapp.QA");
    source.put("issue_state", "closed");
    java.nio.file.Path get = java.nio.file.Files.createTempDirectory("get");
    try (var resource =
        trafficlight.resource.steps.IssueGateResource.fromSource(source, m -> {}, null)) {
      var versions = resource.fetchNewVersions(null);
      resource.downloadVersion(
          versions.get(versions.size() - 1),
          get,
          new trafficlight.resource.protocol.BuildMetadata(
              java.util.Map.of("BUILD_NAME", "1", "BUILD_JOB_NAME", "deploy-production")),
          java.util.Map.of());
    }
    return java.nio.file.Files.readString(get.resolve("commit")).strip();
  }

  @Test
  void promoteWithACommitAsSomeoneGitHubCallsNoneShipsThatBuild() throws Exception {
    hub.addOrgMember("acme", "bob"); // a private member: GitHub says NONE
    token = hub.createToken("bob");

    Run r = run(new PromoteCommand(), "myapp", "QA", "--commit", "aaaaaaa", "--json");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"commit\": \"" + A + "\"").contains("\"build\": \"3\"");
    assertThat(r.err()).isEmpty();
    assertThat(hub.issue(REPO, qa).closedBy()).isEqualTo("bob");
    assertThat(nextStageGets()).as("the closer's own pick counts").isEqualTo(A);
  }

  @Test
  void promoteWithACommitRefusesBeforeWritingWhenTheCloseWouldNotCount() {
    // the newest record names the approvers rule the trigger resource enforces
    hub.addComment(
        REPO,
        qa,
        "ci-bot",
        new DeployRecord(
                new DeployRecord.Change(B, "Fix the login page", null, List.of()),
                new DeployRecord.Build(
                    "5",
                    "deploy-qa",
                    "myapp",
                    "https://ci.example.com/teams/main/pipelines/myapp/jobs/deploy-qa/builds/5"),
                "production",
                new DeployRecord.Rule(List.of("alice"), false),
                null)
            .render());
    token = hub.createToken("bob");
    int comments = hub.issue(REPO, qa).comments().size();

    Run r = run(new PromoteCommand(), "myapp", "QA", "--commit", "aaaaaaa");

    assertThat(r.code()).isNotZero();
    assertThat(r.err())
        .isEqualTo(
            "not promoted: bob may not promote to production (approvers: alice); #2 stays open"
                + " and nothing was written\n");
    assertThat(hub.issue(REPO, qa).state()).isEqualTo("open");
    assertThat(hub.issue(REPO, qa).comments()).hasSize(comments);
  }

  @Test
  void promoteWithACommitNoBuildRecordedRefusesAndWritesNothing() {
    Run r = run(new PromoteCommand(), "myapp", "QA", "--commit", "cccc");

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err())
        .isEqualTo(
            "cannot promote #2: /promote cccc names no recorded build; recorded builds: `aaaaaaa`"
                + " Add the login page (deploy-qa #3), `bbbbbbb` Fix the login page (deploy-qa"
                + " #4)\n");
    assertThat(hub.issue(REPO, qa).state()).isEqualTo("open");
    assertThat(hub.issue(REPO, qa).comments()).hasSize(1);
  }
}
