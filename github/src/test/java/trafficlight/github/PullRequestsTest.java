package trafficlight.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trafficlight.contract.Exchange;
import trafficlight.contract.GitHubContract;
import trafficlight.localhub.Exchanges;

/** The pull requests of a code repository, against localhub serving a git repository made here. */
class PullRequestsTest extends AgainstCodeRepository {
  static final RepositoryName MYAPP = RepositoryName.parse("acme/myapp");

  String c1;
  String c2;
  int merged;

  @BeforeEach
  void start() {
    c1 = git.commit("main", "Add the cart", "Ann", "ann@example.com", Map.of("cart", "1\n"));
    c2 = git.commit("main", "Fix the cart (#1)", "Bob", "bob@example.com", Map.of("cart", "2\n"));
    serve(MYAPP);
    merged = hub.createPullRequest(MYAPP.toString(), "Fix the cart", c2, c2, "bob");
  }

  GitHubClient client(ResponseCache cache) {
    return Clients.client(
        hub.baseUrl(),
        new Credentials.Token(hub.createToken("ci-bot")),
        CodeRepositoryCallsTest.FAST,
        log::add,
        cache);
  }

  private long lookups() {
    return hub.requests().stream().filter(r -> r.path().endsWith("/pulls")).count();
  }

  @Test
  void aMergedPullRequestOfACommitIsAskedForOnceAndKeptForGood() {
    MemoryResponseCache cache = new MemoryResponseCache(100);
    try (GitHubClient github = client(cache)) {
      PullRequests pulls = new PullRequests(github);

      List<PullRequest> first = pulls.ofCommit(MYAPP, c2);
      List<PullRequest> again = pulls.ofCommit(MYAPP, c2);

      assertThat(first)
          .singleElement()
          .satisfies(
              pr -> {
                assertThat(pr.number()).isEqualTo(merged);
                assertThat(pr.merged()).isTrue();
                assertThat(pr.mergeCommitSha()).isEqualTo(c2);
                assertThat(pr.author()).isEqualTo("bob");
              });
      assertThat(again).isEqualTo(first);
      assertThat(lookups()).isEqualTo(1);
    }
    try (GitHubClient another = client(cache)) {
      assertThat(new PullRequests(another).ofCommit(MYAPP, c2)).hasSize(1);
      assertThat(lookups()).as("another client sharing the cache").isEqualTo(1);
    }
    assertContract();
  }

  @Test
  void aCommitNoPullRequestBroughtIsAskedForEachTime() {
    try (GitHubClient github = client(ResponseCache.NONE)) {
      PullRequests pulls = new PullRequests(github);
      assertThat(pulls.ofCommit(MYAPP, c1)).isEmpty();
      assertThat(pulls.ofCommit(MYAPP, c1)).isEmpty();
      assertThat(lookups()).isEqualTo(2);
    }
  }

  @Test
  void readsOnePullRequestAndEditsACommentOnIt() {
    try (GitHubClient github = client(ResponseCache.NONE)) {
      PullRequests pulls = new PullRequests(github);
      PullRequest pr = pulls.get(MYAPP, merged);
      assertThat(pr.state()).isEqualTo("closed");
      assertThat(pr.abandoned()).isFalse();
      assertThat(pr.htmlUrl()).endsWith("/acme/myapp/pull/" + merged);

      Comment created = github.createComment(MYAPP, merged, "first");
      Comment edited = pulls.editComment(MYAPP, created.id(), "second");

      assertThat(edited.id()).isEqualTo(created.id());
      assertThat(github.listComments(MYAPP, merged, null))
          .extracting(Comment::body)
          .containsExactly("second");
      assertThatThrownBy(() -> pulls.get(MYAPP, 99))
          .isInstanceOf(GitHubException.class)
          .satisfies(e -> assertThat(((GitHubException) e).status()).isEqualTo(404));
    }
    assertContract();
  }

  private void assertContract() {
    List<Exchange> exchanges = hub.requests().stream().map(Exchanges::of).toList();
    GitHubContract.apiGitHubCom().allowingUndocumentedStatus(404).assertConforms(exchanges);
  }
}
