package trafficlight.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.TitleFormat;
import trafficlight.github.Deployment;
import trafficlight.github.DeploymentStatus;
import trafficlight.github.GitHubClient;
import trafficlight.github.RepositoryName;
import trafficlight.localhub.LocalHub;
import trafficlight.localhub.RecordedRequest;

/**
 * Ancestry end to end: a code repository of three commits (and an unrelated one) served by
 * localhub, puts that record them as a pipeline's would, and {@code where} asked through the
 * compare API or a local clone.
 */
class AncestryTest {

  static final String GATES = "acme/deploy-gates";
  static final String CODE = "acme/shop";

  @TempDir Path work;
  Path code;
  LocalHub hub;
  GitHubClient github;
  String ciToken;
  String first;
  String second;
  String third;
  String unrelated;

  @BeforeEach
  void start() throws Exception {
    code = Files.createDirectories(work.resolve("shop"));
    git(code, "init", "-q", "-b", "main");
    git(code, "remote", "add", "origin", "https://github.com/" + CODE + ".git");
    first = commit("Add the cart", "alice@example.com");
    second = commit("Fix the cart total (#12)", "bob@example.com");
    third = commit("Merge pull request #13 from carol/search", "carol@example.com");
    git(code, "checkout", "-q", "--orphan", "other");
    unrelated = commit("Start the docs site", "dan@example.com");
    git(code, "checkout", "-q", "main");

    hub = LocalHub.builder().codeRepository(CODE, code).start();
    hub.createRepo(GATES);
    ciToken = hub.createToken("ci-bot");
    github = GitHubFixture.client(hub.baseUrl(), hub.createToken("board-bot"), null);
  }

  @AfterEach
  void stop() {
    github.close();
    hub.close();
  }

  @Test
  void aCommitInsideADeployedOneIsDeployedThereAndTheAnswerNamesTheContainingCommit() {
    deployThird();
    Ancestry ancestry = new Ancestry(github, null);

    Where.Answer a = Where.find(board(), first.substring(0, 7), ancestry);

    assertThat(a.commits()).containsExactly(first);
    assertThat(a.codeRepository()).isEqualTo(CODE);
    Where.StageAnswer ci = a.stages().get(0);
    Where.StageAnswer qa = a.stages().get(1);
    assertThat(ci.deployed()).isTrue();
    assertThat(ci.how()).isEqualTo("recorded");
    assertThat(qa.deployed()).isTrue();
    assertThat(qa.in()).isEqualTo(third);
    assertThat(qa.how()).isEqualTo("github");
    assertThat(qa.answer())
        .matches(
            "deployed 20\\d\\d-.* by deploy-qa #1 in "
                + third.substring(0, 7)
                + " \\(contains "
                + first.substring(0, 7)
                + "\\)");
    assertThat(compareRequests()).isEqualTo(1 + 1); // the put's commit list, then where's

    // asked again (a board refresh, a second search): no new request
    Where.find(board(), first, ancestry);
    Where.find(board(), first, new Ancestry(github, null));
    assertThat(compareRequests()).isEqualTo(2);
  }

  @Test
  void aCommitIsDeployedSinceTheFirstDeployThatContainedItNotTheLatest() throws Exception {
    deployThird();
    String fourth = commit("Add search filters", "dan@example.com");
    String fifth = commit("Tidy the search page", "dan@example.com");
    put("QA", "2", fourth, "Add search filters", Map.of());
    put("QA", "3", fifth, "Tidy the search page", Map.of());
    List<Build> qaBuilds = board().projects().get(0).stages().get(1).builds();
    Build qa1 = qaBuilds.stream().filter(b -> "1".equals(b.buildName())).findFirst().orElseThrow();
    Build qa3 = qaBuilds.stream().filter(b -> "3".equals(b.buildName())).findFirst().orElseThrow();

    Where.StageAnswer qa = Where.find(board(), first, new Ancestry(github, null)).stages().get(1);

    assertThat(qa.deployed()).isTrue();
    assertThat(qa.build().buildName()).isEqualTo("1");
    assertThat(qa.build().at()).isEqualTo(qa1.at());
    assertThat(qa.in()).isEqualTo(third);
    assertThat(qa.answer())
        .startsWith(
            "deployed " + Texts.time(qa1.at()) + " by deploy-qa #1 in " + third.substring(0, 7));

    // a commit the second QA build brought: that build, though the third contains it too
    Where.StageAnswer qaFourth =
        Where.find(board(), fourth, new Ancestry(github, null)).stages().get(1);
    assertThat(qaFourth.build().buildName()).isEqualTo("2");
  }

  @Test
  void aCommitTheRecordsListAsCarriedIsFoundThereWithoutAsking() {
    deployThird();

    Where.Answer a = Where.find(board(), second, new Ancestry(github, null));

    Where.StageAnswer ci = a.stages().get(0);
    assertThat(ci.deployed()).isTrue();
    assertThat(ci.how()).isEqualTo("carried");
    assertThat(ci.answer()).contains("in " + third.substring(0, 7));
    assertThat(a.stages().get(1).deployed()).isTrue();
    assertThat(a.subject()).isEqualTo("Fix the cart total (#12)");
  }

  @Test
  void anUnrelatedCommitIsNotDeployedAnywhere() {
    deployThird();

    Where.Answer a = Where.find(board(), unrelated.substring(0, 8), new Ancestry(github, null));

    assertThat(a.commits()).containsExactly(unrelated); // resolved through commits/{ref}
    assertThat(a.subject()).isEqualTo("Start the docs site");
    assertThat(a.stages()).isNotEmpty().noneMatch(Where.StageAnswer::deployed);
    assertThat(a.stages().get(0).answer()).isEqualTo("not deployed");
  }

  @Test
  void aCommitNobodyKnowsGetsOneClearLine() {
    deployThird();

    Where.Answer a = Where.find(board(), "abcdef12", new Ancestry(github, null));

    assertThat(a.found()).isFalse();
    assertThat(a.note())
        .isEqualTo(
            "no deploy in "
                + GATES
                + " records commit abcdef12, and "
                + CODE
                + " knows no such commit");
  }

  @Test
  void insideAClonePlainGitAnswersWithoutAnyCompareRequest() {
    deployThird();
    hub.clearRequests();

    try (LocalClone clone = LocalClone.find(code.resolve("src")).orElseThrow()) {
      assertThat(clone.origin()).isEqualTo(CODE);
      Ancestry ancestry = new Ancestry(github, clone);
      Where.Answer a = Where.find(board(), first, ancestry);
      assertThat(a.stages().get(1).deployed()).isTrue();
      assertThat(a.stages().get(1).how()).isEqualTo("git");
      Where.Answer u = Where.find(board(), unrelated.substring(0, 7), ancestry);
      assertThat(u.commits()).containsExactly(unrelated);
      assertThat(u.stages()).noneMatch(Where.StageAnswer::deployed);
      assertThat(ancestry.compareRequests()).isZero();
    }
    assertThat(hub.requests()).noneMatch(r -> r.path().contains("/compare/"));
    assertThat(hub.requests()).noneMatch(r -> r.path().contains("/commits/"));
  }

  @Test
  void aForcePushedDeployIsNeverAWrongDeployed() throws Exception {
    deployThird();
    // QA deploys a commit the code repository no longer has
    String gone = "0123456789abcdef0123456789abcdef01234567";
    put("QA", "2", gone, "Rewritten", Map.of());

    Where.Answer a = Where.find(board(), first, new Ancestry(github, null));

    Where.StageAnswer qa = a.stages().get(1);
    assertThat(qa.deployed()).isFalse();
    assertThat(qa.answer())
        .startsWith("unknown: " + CODE + " knows no commit")
        .doesNotContain("\n");
  }

  @Test
  void theGateCommentListsTheCommitsSinceTheLastDeployWithPullRequestReferences() {
    deployThird();

    var issue = hub.issues(GATES).stream().filter(i -> i.title().contains(".CI ")).findFirst();
    String comment = issue.orElseThrow().comments().get(0).body();
    assertThat(comment)
        .contains("2 commits since the previous deploy (`" + first.substring(0, 7) + "`):")
        .contains("- `" + second.substring(0, 7) + "` Fix the cart total (acme/shop#12) (bob)")
        .contains(
            "- `"
                + third.substring(0, 7)
                + "` Merge pull request acme/shop#13 from carol/search (carol)")
        .contains("/acme/shop/compare/");
    DeployRecord record = DeployRecord.readAll(comment).get(0);
    assertThat(record.codeRepository()).isEqualTo(CODE);
    assertThat(record.commits())
        .extracting(DeployRecord.Commit::sha, DeployRecord.Commit::author)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(second, "bob"),
            org.assertj.core.groups.Tuple.tuple(third, "carol"));
  }

  @Test
  void theAmberCellSaysWhatPromotingWouldCarry() {
    put("CI", "1", first, "Add the cart", Map.of());
    hub.closeIssue(GATES, ciIssue(), "alice");
    put("QA", "1", first, "Add the cart", Map.of());
    put("CI", "2", second, "Fix the cart total (#12)", Map.of());
    put("CI", "3", third, "Merge pull request #13 from carol/search", Map.of());

    Board board = board();
    Project shop = board.project("shop").orElseThrow();
    Stage ci = shop.stage("CI").orElseThrow();
    assertThat(ci.light()).isEqualTo(Light.AMBER);
    assertThat(PromotionCarries.summary(shop, ci))
        .isEqualTo("2 commits: Fix the cart total (#12), \u2026");
    @SuppressWarnings("unchecked")
    Map<String, Object> carries =
        (Map<String, Object>)
            ((Map<String, Object>)
                    ((List<Object>)
                            ((Map<String, Object>)
                                    ((List<Object>)
                                            BoardJson.board(board, board.projects())
                                                .get("projects"))
                                        .get(0))
                                .get("stages"))
                        .get(0))
                .get("promotion_carries");
    assertThat(carries.get("summary")).isEqualTo(PromotionCarries.summary(shop, ci));
    assertThat(StatusTable.render(board.projects(), false))
        .contains("promoting carries 2 commits: Fix the cart total");
  }

  @Test
  void githubDeploymentLeavesASuccessfulDeploymentOnTheCodeRepository() {
    put("CI", "1", first, "Add the cart", Map.of("github_deployment", true));

    List<Deployment> deployments = github.listDeployments(RepositoryName.parse(CODE), null);
    assertThat(deployments).hasSize(1);
    Deployment d = deployments.get(0);
    assertThat(d.sha()).isEqualTo(first);
    assertThat(d.environment()).isEqualTo("CI");
    List<DeploymentStatus> statuses =
        github.listDeploymentStatuses(RepositoryName.parse(CODE), d.id());
    assertThat(statuses).extracting(DeploymentStatus::state).containsExactly("success");
    assertThat(statuses.get(0).logUrl())
        .isEqualTo("https://ci.example.com/teams/main/pipelines/shop/jobs/deploy-ci/builds/1");
  }

  @Test
  void aPutThatRecordsACommitCostsOneCompareRequest() {
    put("CI", "1", first, "Add the cart", Map.of());
    // the stage's first deploy: no previous one, nothing to compare
    assertThat(operations())
        .containsExactly(
            "issues/list-for-repo",
            "issues/list-for-repo",
            "issues/create",
            "issues/list-for-repo");
    hub.closeIssue(GATES, ciIssue(), "alice");

    // opens a new issue: the previous deploy is on the closed one
    hub.clearRequests();
    put("CI", "2", second, "Fix the cart total (#12)", Map.of());
    assertThat(operations())
        .containsExactly(
            "issues/list-for-repo", // the open issue with this title: none
            "issues/list-for-repo", // the stage's closed issues: the previous deploy's
            "repos/compare-commits-with-basehead",
            "issues/create",
            "issues/list-for-repo"); // the racing-put check, as before

    // comments on the open issue: the previous deploy is its body (no comments yet)
    hub.clearRequests();
    put("CI", "3", third, "Merge pull request #13 from carol/search", Map.of());
    assertThat(operations())
        .containsExactly(
            "issues/list-for-repo", "repos/compare-commits-with-basehead", "issues/create-comment");

    // with comments, they are read for the latest record
    hub.clearRequests();
    put("CI", "4", first, "Add the cart", Map.of());
    assertThat(operations())
        .containsExactly(
            "issues/list-for-repo",
            "issues/list-comments",
            "repos/compare-commits-with-basehead",
            "issues/create-comment");
  }

  // ---- helpers

  /** CI deploys the first commit, then the third; QA the third: the done-when scenario. */
  private void deployThird() {
    put("CI", "1", first, "Add the cart", Map.of());
    put("CI", "2", third, "Merge pull request #13 from carol/search", Map.of());
    put("QA", "1", third, "Merge pull request #13 from carol/search", Map.of());
  }

  private int ciIssue() {
    return hub.issues(GATES).stream()
        .filter(i -> i.title().contains(".CI "))
        .findFirst()
        .orElseThrow()
        .number();
  }

  /** What the requests since the last {@code clearRequests} asked, in order. */
  private List<String> operations() {
    return hub.requests().stream().map(RecordedRequest::operation).toList();
  }

  private long compareRequests() {
    return hub.requests().stream()
        .map(RecordedRequest::path)
        .filter(p -> p.contains("/compare/"))
        .count();
  }

  private Board board() {
    return new GateReader(github, RepositoryName.parse(GATES), TitleFormat.defaultFormat()).read();
  }

  /** A put as the generated pipeline's: a git resource's checkout with the code's origin. */
  private void put(
      String stage, String build, String sha, String subject, Map<String, Object> extra) {
    new ShopPut(work, hub.baseUrl(), ciToken, GATES, CODE).put(stage, build, sha, subject, extra);
  }

  private String commit(String message, String email) throws Exception {
    Files.writeString(code.resolve("file.txt"), message + "\n", StandardCharsets.UTF_8);
    Files.createDirectories(code.resolve("src"));
    git(code, "add", "-A");
    git(
        code,
        "-c",
        "user.name=" + email.substring(0, email.indexOf('@')),
        "-c",
        "user.email=" + email,
        "commit",
        "-q",
        "-m",
        message);
    return git(code, "rev-parse", "HEAD");
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + ": " + out);
    }
    return out;
  }
}
