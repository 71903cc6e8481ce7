package trafficlight.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
  private void put(String stage, String build, String sha, String subject) {
    new ShopPut(work, hub.baseUrl(), hub.createToken("ci-bot"), GATES, CODE)
        .put(stage, build, sha, subject, Map.of());
  }
}
