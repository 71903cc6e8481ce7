package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trafficlight.contract.GitHubContract;
import trafficlight.contract.TestKeys;
import trafficlight.localhub.Fault;
import trafficlight.localhub.FaultPolicy;
import trafficlight.localhub.Issue;
import trafficlight.localhub.LocalGitRepository;

/**
 * {@code pr_comments: true}: the pull request a deploy carried gets one comment that says where its
 * change is, kept current by later deploys; the last stage also notifies its participants; a
 * refusal is a warning, never a failed put.
 */
class PullRequestCommentsTest extends AgainstLocalHub {

  static final String CODE = "acme/myapp";
  static final String PRODUCTION_TITLE =
      "[bot] Pulumi myapp applications.myapp.Production deployed.";

  String c1;
  String c2;
  int pull;

  @Override
  GitHubContract contract() {
    // 403: the comment of a token that may not write the code repository
    return super.contract().allowingUndocumentedStatus(403);
  }

  @BeforeEach
  void codeRepositoryWithAMergedPullRequest() throws Exception {
    LocalGitRepository git = LocalGitRepository.init(work.resolve("myapp.git"));
    c1 = git.commit("main", "Add the cart", "Ann", "ann@example.com", Map.of("cart", "1\n"));
    c2 = git.commit("main", "Fix the cart total (#2)", "Bob", "bob@example.com", Map.of("c", "2"));
    git.close();
    hub.serveCode(CODE, git.path());
    hub.createIssue(CODE, "The cart total is wrong", "b", List.of(), "ann");
    pull = hub.createPullRequest(CODE, "Fix the cart total", c2, c2, "bob");
    checkout(c2);
  }

  void checkout(String sha) throws Exception {
    Path dotGit = Files.createDirectories(directory("put").resolve("myapp/.git"));
    Files.writeString(dotGit.resolve("ref"), sha + "\n");
    Files.writeString(dotGit.resolve("commit_message"), "Fix the cart total (#2)\n");
    Files.writeString(
        dotGit.resolve("config"),
        "[remote \"origin\"]\n\turl = https://github.com/" + CODE + ".git\n");
  }

  Run qa(String buildName) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("commit_from", "myapp");
    params.put("next_stage", "Production");
    params.put("approvers", List.of("alice", "acme/release"));
    params.put("pr_comments", true);
    Run run = out(post(), params, build(buildName));
    tick();
    return run;
  }

  Run production(Map<String, Object> source, String buildName) {
    Map<String, String> env = new LinkedHashMap<>(build(buildName));
    env.put("BUILD_JOB_NAME", "deploy-production");
    Run run =
        out(
            source,
            Map.of(
                "commit_from",
                "myapp",
                "pr_comments",
                true,
                "labels",
                List.of("finalized-deployment")),
            env);
    tick();
    return run;
  }

  Map<String, Object> productionPost() {
    return source(
        "issue_state",
        "open",
        "issue_prefix",
        PRODUCTION_TITLE.replace(" deployed.", ""),
        "issue_title_template",
        PRODUCTION_TITLE,
        "labels",
        List.of("pipeline-workflow"));
  }

  List<String> comments() {
    return hub.issue(CODE, pull).comments().stream().map(c -> c.body()).toList();
  }

  long writesOnTheCodeRepository() {
    return hub.requests().stream()
        .filter(r -> r.path().startsWith("/repos/" + CODE + "/issues"))
        .filter(r -> !r.method().equals("GET"))
        .count();
  }

  @Test
  void qaLeavesOneCommentThatProductionEditsAndTheArrivalNotifies() {
    Run first = qa("1");
    Run second = qa("2");

    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(second.exit()).as(second.toString()).isZero();
    assertThat(comments()).hasSize(1);
    String qaNote = comments().get(0);
    Issue gate = hub.issues(REPO).get(0);
    assertThat(qaNote)
        .contains("- **QA**: deployed ")
        .contains(
            "[deploy-qa #2](https://ci.example.com/teams/main/pipelines/myapp/jobs/deploy-qa/builds/2)")
        .contains("- **Production**: waiting for [acme/gates#" + gate.number() + "](")
        .contains(
            "/acme/gates/issues/"
                + gate.number()
                + ") to be closed (who may close it: alice, acme/release)")
        .doesNotContain(token);
    assertThat(first.stderr()).contains("pull requests on acme/myapp: #" + pull + " commented");
    assertThat(second.stderr()).contains("#" + pull + " updated (1 lookups, 1 writes)");

    hub.clearRequests();
    Run deploy = production(productionPost(), "7");

    assertThat(deploy.exit()).as(deploy.toString()).isZero();
    List<String> comments = comments();
    assertThat(comments).hasSize(2);
    assertThat(comments.get(0))
        .contains("- **QA**: deployed ")
        .contains("- **Production**: deployed ")
        .contains("[deploy-production #7]")
        .doesNotContain("waiting")
        .doesNotContain(token);
    assertThat(comments.get(1)).startsWith("This change is in **Production**, deployed by");
    assertThat(writesOnTheCodeRepository()).as("the edit and the arrival").isEqualTo(2);
    assertThat(hub.requests().stream().filter(r -> r.path().endsWith("/pulls")).count())
        .as("one lookup per carried commit")
        .isEqualTo(1);

    Run again = production(productionPost(), "8");
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(comments()).as("the arrival is said once").hasSize(2);
  }

  @Test
  void aPutThatMayNotWriteTheCodeRepositorySucceedsWithOneWarningLine() throws Exception {
    KeyPair key = TestKeys.rsa();
    installApp(key); // the gate repository only
    String pem = GitHubApp.pem(key);
    secrets.add(pem.lines().skip(1).findFirst().orElseThrow());

    Run run =
        production(
            source(
                GitHubApp.sourceKeys(
                    GitHubApp.ID,
                    pem,
                    "issue_state",
                    "open",
                    "issue_prefix",
                    PRODUCTION_TITLE.replace(" deployed.", ""),
                    "issue_title_template",
                    PRODUCTION_TITLE)),
            "7");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.stdout()).contains("\"number\"");
    assertThat(hub.issues(REPO)).hasSize(1);
    assertThat(comments()).isEmpty();
    List<String> warnings = run.stderr().lines().filter(l -> l.startsWith("warning")).toList();
    assertThat(warnings)
        .singleElement()
        .asString()
        .startsWith("warning: pull-request comments on acme/myapp: #" + pull + ": POST ")
        .contains("403")
        .endsWith("; the deploy is not affected");
  }

  @Test
  void aCommentWhoseResponseWasLostIsFoundNotWrittenTwice() {
    hub.inject(
        Fault.on("POST", "/repos/" + CODE + "/issues/" + pull + "/comments")
            .policy(new FaultPolicy.LoseResponseAfterApply()));

    Run run = qa("1");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.stderr()).contains("the comment did reach GitHub").doesNotContain("warning");
    assertThat(comments()).hasSize(1);
    assertThat(comments().get(0)).contains("- **QA**: deployed ");
  }

  @Test
  void aPullRequestClosedWithoutMergingIsNotTold() {
    int abandoned = hub.createPullRequest(CODE, "Another cart fix", c2, null, "carol");
    hub.closeIssue(CODE, abandoned, "carol");

    Run run = qa("1");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(comments()).hasSize(1);
    assertThat(hub.issue(CODE, abandoned).comments()).isEmpty();
  }

  @Test
  void prCommentsWithoutACommitIsRefusedBeforeAnythingIsWritten() {
    assertFailedWithOneLine(
        out(post(), Map.of("pr_comments", true), build("1")),
        "put param pr_comments needs commit_from");
    assertThat(hub.requests()).isEmpty();
  }
}
