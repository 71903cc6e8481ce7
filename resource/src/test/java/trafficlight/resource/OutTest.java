package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trafficlight.gate.DeployRecord;
import trafficlight.localhub.Issue;

class OutTest extends AgainstLocalHub {

  private List<Issue> openIssues() {
    return hub.issues(REPO).stream().filter(i -> i.state().equals("open")).toList();
  }

  @Test
  void putOpensTheIssueWithLabelsAssigneesAndTheBuildLink() {
    hub.createToken("alice");
    Run run =
        out(
            post("assignees", List.of("alice")),
            Map.of("labels", List.of("product:infrastructure")),
            build("12"));

    assertThat(run.exit()).as(run.toString()).isZero();
    Issue issue = hub.issues(REPO).get(0);
    assertThat(issue.title()).isEqualTo(TITLE);
    assertThat(issue.labels())
        .containsExactly("pipeline-workflow", "promotion-to-production", "product:infrastructure");
    assertThat(issue.assignees()).containsExactly("alice");
    assertThat(issue.body())
        .isEqualTo(
            "The task deploy-qa in pipeline myapp has completed build number 12.\n"
                + "Please refer to [the build log]"
                + "(https://ci.example.com/teams/main/pipelines/myapp/jobs/deploy-qa/builds/12)"
                + " for details of what changes this includes.\n"
                + "Closing this issue will trigger the next job in the pipeline myapp.\n");
    assertThat(run.metadata())
        .containsEntry("number", Long.toString(issue.number()))
        .containsEntry("action", "created")
        .containsKey("html_url");
    assertThat(run.version())
        .containsEntry("issue_number", Long.toString(issue.number()))
        .containsEntry("issue_state", "open")
        .containsEntry("issue_closed_at", "None");
    // the second listing is how a put notices another put that created the same issue meanwhile
    assertThat(hub.requests())
        .extracting(r -> r.operation())
        .containsExactly("issues/list-for-repo", "issues/create", "issues/list-for-repo");
  }

  @Test
  void aSecondPutCommentsOnTheOpenIssueInsteadOfOpeningAnother() {
    out(post(), Map.of(), build("12"));
    hub.clearRequests();

    Map<String, String> env = build("13");
    env.put("BUILD_URL", "https://ci.example.com/builds/10013");
    Run run = out(post(), Map.of(), env);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(openIssues()).hasSize(1);
    Issue issue = openIssues().get(0);
    assertThat(issue.comments()).hasSize(1);
    assertThat(issue.comments().get(0).body()).contains("https://ci.example.com/builds/10013");
    assertThat(run.metadata()).containsEntry("action", "commented");
    assertThat(hub.requests())
        .extracting(r -> r.operation())
        .containsExactly("issues/list-for-repo", "issues/create-comment");
  }

  @Test
  void aClosedIssueWithTheSameTitleIsNotReused() {
    int old = open(TITLE);
    close(old);

    Run run = out(post(), Map.of(), build("12"));

    assertThat(run.metadata()).containsEntry("action", "created");
    assertThat(openIssues()).hasSize(1);
    assertThat(openIssues().get(0).number()).isNotEqualTo(old);
  }

  @Test
  void bodyFileIsTheBody() throws Exception {
    Files.createDirectories(directory("put").resolve("notes"));
    Files.writeString(directory("put").resolve("notes/body.md"), "## Changes\n- fixed it");

    Run run = out(post(), Map.of("body_file", "notes/body.md"), build("12"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(hub.issues(REPO).get(0).body()).isEqualTo("## Changes\n- fixed it");
  }

  @Test
  void aBodyOverGitHubsLimitIsCutWithANote() throws Exception {
    Files.writeString(directory("put").resolve("big.md"), "x".repeat(70_000));

    Run run = out(post(), Map.of("body_file", "big.md"), build("12"));

    assertThat(run.exit()).as(run.toString()).isZero();
    String body = hub.issues(REPO).get(0).body();
    assertThat(body).hasSize(65_536).endsWith("The build log has it all.*\n").contains("70000");
  }

  @Test
  void aTitleOverGitHubsLimitFailsBeforeAnyRequest() {
    Run run = out(post("issue_title_template", "t".repeat(257)), Map.of(), build("12"));

    assertFailedWithOneLine(run, "the issue title has 257 characters, GitHub allows 256");
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void templatesUseBuildVariables() {
    Run run =
        out(
            post(
                "issue_title_template",
                "[bot] {BUILD_PIPELINE_NAME} {BUILD_JOB_NAME} #{BUILD_NAME}"),
            Map.of(),
            build("5"));
    assertThat(run.exit()).isZero();
    assertThat(hub.issues(REPO).get(0).title()).isEqualTo("[bot] myapp deploy-qa #5");
  }

  @Test
  void theImplicitGetAfterAPutIsHarmless() {
    Run put = out(post(), Map.of(), build("12"));

    Run get = in(post(), put.version(), Map.of(), build("12"));

    assertThat(get.exit()).isZero();
    assertThat(hub.issues(REPO).get(0).title()).isEqualTo(TITLE);
  }

  @Test
  void commitFromRecordsTheDeployedCommitFromAGitResourceCheckout() throws Exception {
    Path git = Files.createDirectories(directory("put").resolve("myapp/.git"));
    String sha = "1a2b3c4d5e6f70819293a4b5c6d7e8f901234567";
    Files.writeString(git.resolve("ref"), sha + "\n");
    Files.writeString(git.resolve("commit_message"), "Fix the login page\n\nLonger text.\n");

    Run first = out(post(), Map.of("commit_from", "myapp"), build("12"));
    Run second = out(post(), Map.of("commit_from", "myapp"), build("13"));

    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(second.exit()).as(second.toString()).isZero();
    Issue issue = hub.issues(REPO).get(0);
    String url = "https://ci.example.com/teams/main/pipelines/myapp/jobs/deploy-qa/builds/";
    assertThat(issue.body())
        .contains("\n\nDeployed commit `1a2b3c4` Fix the login page\n")
        .endsWith(
            "<!-- trafficlight:deploy {\"format\":1,\"commit\":\""
                + sha
                + "\",\"subject\":\"Fix the login page\",\"build_name\":\"12\",\"job\":\"deploy-qa\","
                + "\"pipeline\":\"myapp\",\"build_url\":\""
                + url
                + "12\"} -->\n");
    assertThat(issue.comments().get(0).body())
        .contains("\"build_name\":\"13\"")
        .contains(url + "13");
  }

  @Test
  void nextStageIsRecordedWithTheChainsSpelling() {
    Run run = out(post(), Map.of("next_stage", "Production"), build("12"));

    assertThat(run.exit()).as(run.toString()).isZero();
    String body = hub.issues(REPO).get(0).body();
    assertThat(DeployRecord.readAll(body))
        .extracting(DeployRecord::nextStage, DeployRecord::buildName, DeployRecord::commit)
        .containsExactly(tuple("Production", "12", null));
    assertThat(body).doesNotContain("Deployed commit");
  }

  @Test
  void commitFromReadsAPlainCloneToo() throws Exception {
    Path repo = Files.createDirectories(directory("put").resolve("clone"));
    Git.initWithOneCommit(repo, "Add the QA banner");
    Git.git(repo, "pack-refs", "--all");
    String sha = Git.git(repo, "rev-parse", "HEAD").strip();

    Run run = out(post(), Map.of("commit_from", "clone"), build("12"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(hub.issues(REPO).get(0).body())
        .contains("Deployed commit `" + sha.substring(0, 7) + "`")
        .contains(sha);
  }

  @Test
  void commitFromMustBeACheckoutInsideTheSources() {
    directory("put/not-git");
    assertFailedWithOneLine(
        out(post(), Map.of("commit_from", "not-git"), build("12")),
        "put param commit_from \"not-git\" is not a git checkout (it has no .git directory)");
    assertFailedWithOneLine(
        out(post(), Map.of("commit_from", ".."), build("12")),
        "put param commit_from \"..\" leads outside the build's directory");
    assertThat(hub.requests()).isEmpty();
  }
}
