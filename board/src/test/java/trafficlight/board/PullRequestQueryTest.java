package trafficlight.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.gate.TitleFormat;
import trafficlight.github.GitHubClient;
import trafficlight.github.RepositoryName;
import trafficlight.localhub.LocalGitRepository;
import trafficlight.localhub.LocalHub;
import trafficlight.resource.protocol.BuildMetadata;
import trafficlight.resource.steps.IssueGateResource;

/** {@code where acme/shop#N}: a pull request is answered as its merge commit. */
class PullRequestQueryTest {

  static final String GATES = "acme/deploy-gates";
  static final String CODE = "acme/shop";

  @TempDir Path work;
  LocalHub hub;
  GitHubClient github;
  String first;
  String merged;
  int pull;

  @BeforeEach
  void start() {
    try (LocalGitRepository git = LocalGitRepository.init(work.resolve("shop.git"))) {
      first = git.commit("main", "Add the cart", "Ann", "ann@example.com", Map.of("a", "1"));
      merged =
          git.commit("main", "Fix the cart total (#2)", "Bob", "bob@example.com", Map.of("a", "2"));
      hub = LocalHub.builder().codeRepository(CODE, git.path()).start();
    }
    hub.createRepo(GATES);
    hub.createIssue(CODE, "The cart total is wrong", "b", List.of(), "ann");
    pull = hub.createPullRequest(CODE, "Fix the cart total", first, merged, "bob");
    github = GitHubFixture.client(hub.baseUrl(), hub.createToken("board-bot"), null);
  }

  @AfterEach
  void stop() {
    github.close();
    hub.close();
  }

  @Test
  void aMergedPullRequestIsAnsweredAsItsMergeCommit() throws Exception {
    put("CI", "1", merged, "Fix the cart total (#2)");

    Where.Answer answer =
        PullRequestQuery.find(
            board(), " acme/shop#" + pull + " ", new Ancestry(github, null), github);

    assertThat(answer.query()).isEqualTo("acme/shop#" + pull);
    assertThat(answer.commits()).containsExactly(merged);
    assertThat(answer.stages().get(0).deployed()).isTrue();
    assertThat(answer.stages().get(0).how()).isEqualTo("recorded");
    assertThat(answer.stages().get(1).answer()).startsWith("not yet: close #");
  }

  @Test
  void aCommitIsStillACommitAndAPullRequestThatCarriesNothingIsRefusedWithWhy() throws Exception {
    put("CI", "1", merged, "Fix the cart total (#2)");
    int open = hub.createPullRequest(CODE, "Try another cart", first, null, "carol");
    Ancestry ancestry = new Ancestry(github, null);

    assertThat(PullRequestQuery.find(board(), merged.substring(0, 7), ancestry, github).commits())
        .containsExactly(merged);
    assertThatThrownBy(() -> PullRequestQuery.find(board(), CODE + "#" + open, ancestry, github))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "pull request acme/shop#"
                + open
                + " is open: deploys carry its change once it is merged (then ask again)");
    assertThatThrownBy(() -> PullRequestQuery.find(board(), CODE + "#99", ancestry, github))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no pull request acme/shop#99 (or the credentials cannot see");
    assertThat(PullRequestQuery.parse("acme/shop#x")).isEmpty();
  }

  private Board board() {
    return new GateReader(github, RepositoryName.parse(GATES), TitleFormat.defaultFormat()).read();
  }

  /** A put as the generated pipeline's: a git resource's checkout with the code's origin. */
  private void put(String stage, String build, String sha, String subject) throws Exception {
    Path sources = Files.createTempDirectory(work, "put");
    Path git = Files.createDirectories(sources.resolve("shop/.git"));
    Files.writeString(git.resolve("ref"), sha + "\n", StandardCharsets.UTF_8);
    Files.writeString(git.resolve("commit_message"), subject + "\n", StandardCharsets.UTF_8);
    Files.writeString(
        git.resolve("config"),
        "[remote \"origin\"]\n\turl = git@github.com:" + CODE + ".git\n",
        StandardCharsets.UTF_8);
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repository", GATES);
    source.put("gh_host", hub.baseUrl());
    source.put("access_token", hub.createToken("ci-bot"));
    source.put(
        "issue_title_template", "[bot] Pulumi shop applications.shop." + stage + " deployed.");
    source.put("labels", List.of("pipeline-workflow", "promotion-to-qa"));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("commit_from", "shop");
    params.put("next_stage", "QA");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BUILD_ID", "9" + build);
    env.put("BUILD_NAME", build);
    env.put("BUILD_JOB_NAME", "deploy-ci");
    env.put("BUILD_PIPELINE_NAME", "shop");
    env.put("BUILD_TEAM_NAME", "main");
    env.put("ATC_EXTERNAL_URL", "https://ci.example.com");
    try (IssueGateResource resource = IssueGateResource.fromSource(source, m -> {}, null)) {
      resource.publishNewVersion(sources, new BuildMetadata(env), params);
    }
  }
}
