package trafficlight.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trafficlight.contract.Exchange;
import trafficlight.contract.GitHubContract;
import trafficlight.localhub.Exchanges;
import trafficlight.localhub.RecordedRequest;
import trafficlight.localhub.RepoOptions;

/**
 * The client's calls for code repositories (commits, compare, deployments) against localhub serving
 * a git repository made here: three commits on main, a side branch from the first, an unrelated
 * history.
 */
class CodeRepositoryCallsTest extends AgainstCodeRepository {
  static final RepositoryName SHOP = RepositoryName.parse("acme/shop");
  static final String COMPARE = "repos/compare-commits-with-basehead";
  static final RetryPolicy FAST = Clients.quick(2, Duration.ofSeconds(1));

  String token;
  History shop;

  /** The commits {@link #start} writes: three on main, a side branch's, an unrelated history's. */
  record History(String first, String second, String third, String side, String unrelated) {}

  @BeforeEach
  void start() {
    String first =
        git.commit("main", "Add the cart", "Ann Lee", "ann@example.com", Map.of("cart", "1\n"));
    String second =
        git.commit(
            "main",
            "Fix the cart total (#12)\n\nRound once.",
            "Bob",
            "bob@example.com",
            Map.of("cart", "2\n"));
    String third =
        git.commit("main", "Speed up search", "Ann Lee", "ann@example.com", Map.of("s", "3\n"));
    git.branch("side", first);
    String side =
        git.commit("side", "Try another cart", "Carol", "carol@example.com", Map.of("c", "x"));
    String unrelated = git.commit("unrelated", "Start over", "Nobody", "", Map.of("u", "u"));
    shop = new History(first, second, third, side, unrelated);
    serve(SHOP);
    token = hub.createToken("ci-bot");
  }

  GitHubClient client(ResponseCache cache) {
    return Clients.client(hub.baseUrl(), new Credentials.Token(token), FAST, log::add, cache);
  }

  @Test
  void compareTellsWhetherHeadContainsBase() {
    try (GitHubClient github = client(ResponseCache.NONE)) {
      CommitComparison ahead = github.compare(SHOP, shop.first(), shop.third());
      assertThat(ahead.status()).isEqualTo("ahead");
      assertThat(ahead.contains()).isTrue();
      assertThat(ahead.aheadBy()).isEqualTo(2);
      assertThat(ahead.totalCommits()).isEqualTo(2);
      assertThat(ahead.mergeBaseSha()).isEqualTo(shop.first());
      assertThat(ahead.htmlUrl())
          .endsWith("/acme/shop/compare/" + shop.first() + "..." + shop.third());
      assertThat(ahead.commits())
          .extracting(CommitSummary::sha, CommitSummary::subject, CommitSummary::authorLogin)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(shop.second(), "Fix the cart total (#12)", "bob"),
              org.assertj.core.groups.Tuple.tuple(shop.third(), "Speed up search", "ann"));
      assertThat(ahead.commits().get(0).message())
          .isEqualTo("Fix the cart total (#12)\n\nRound once.");

      assertThat(github.compare(SHOP, shop.third(), shop.third()).status()).isEqualTo("identical");
      assertThat(github.compare(SHOP, shop.third(), shop.third()).contains()).isTrue();
      CommitComparison behind = github.compare(SHOP, shop.third(), shop.first());
      assertThat(behind.status()).isEqualTo("behind");
      assertThat(behind.behindBy()).isEqualTo(2);
      assertThat(behind.contains()).isFalse();
      CommitComparison diverged = github.compare(SHOP, shop.side(), shop.third());
      assertThat(diverged.status()).isEqualTo("diverged");
      assertThat(diverged.contains()).isFalse();
      assertThat(diverged.mergeBaseSha()).isEqualTo(shop.first());
      assertThat(github.compare(SHOP, "side", "main").status()).isEqualTo("diverged");
    }
  }

  @Test
  void aComparisonOfTwoFullShasIsAskedForOnceEvenAcrossProcesses() {
    Path file = dir.resolve("cache.json");
    FileResponseCache cache = FileResponseCache.load(file, "k", FileResponseCache.Limits.DEFAULT);
    try (GitHubClient github = client(cache)) {
      github.compare(SHOP, shop.first(), shop.third());
      assertThat(github.compare(SHOP, shop.first(), shop.third()).contains()).isTrue();
    }
    assertThat(hub.requestCount(COMPARE)).isEqualTo(1);
    assertThat(cache.save()).isTrue();

    FileResponseCache reloaded =
        FileResponseCache.load(file, "k", FileResponseCache.Limits.DEFAULT);
    try (GitHubClient another = client(reloaded)) {
      CommitComparison again = another.compare(SHOP, shop.first(), shop.third());
      assertThat(again.aheadBy()).isEqualTo(2);
      assertThat(again.commits())
          .extracting(CommitSummary::sha)
          .containsExactly(shop.second(), shop.third());
      assertThat(again.commits().get(0).authorLogin()).isEqualTo("bob");
    }
    assertThat(hub.requestCount(COMPARE)).as("no request from the second process").isEqualTo(1);
  }

  @Test
  void anUnreadableImmutableEntryIsDroppedAndAskedForAgain() {
    String url = hub.baseUrl() + SHOP.path() + "/compare/" + shop.first() + "..." + shop.third();
    Map<String, ResponseCache.Entry> entries = new LinkedHashMap<>();
    entries.put(url, ResponseCache.Entry.immutable("W/\"x\"", "{not json"));
    ResponseCache cache =
        new ResponseCache() {
          @Override
          public Entry lookup(String u) {
            return entries.get(u);
          }

          @Override
          public void store(String u, Entry entry) {
            entries.put(u, entry);
          }

          @Override
          public void forget(String u) {
            entries.remove(u);
          }
        };
    try (GitHubClient github = client(cache)) {
      assertThat(github.compare(SHOP, shop.first(), shop.third()).aheadBy()).isEqualTo(2);
    }
    assertThat(hub.requestCount(COMPARE)).isEqualTo(1);
    assertThat(entries.get(url).immutable()).isTrue();
    assertThat(entries.get(url).body()).contains("\"ahead_by\":2").doesNotContain("\"files\"");
  }

  @Test
  void aComparisonOfBranchesIsAskedForEveryTime() {
    try (GitHubClient github = client(ResponseCache.NONE)) {
      assertThat(github.compare(SHOP, shop.first(), "main").contains()).isTrue();
      git.commit("main", "Later", "Ann Lee", "ann@example.com", Map.of("later", "4"));
      assertThat(github.compare(SHOP, shop.first(), "main").aheadBy()).isEqualTo(3);
    }
    assertThat(hub.requestCount(COMPARE)).isEqualTo(2);
  }

  @Test
  void commitResolvesPrefixesAndBranches() {
    try (GitHubClient github = client(ResponseCache.NONE)) {
      CommitSummary bySha = github.commit(SHOP, shop.second().substring(0, 7));
      assertThat(bySha.sha()).isEqualTo(shop.second());
      assertThat(bySha.subject()).isEqualTo("Fix the cart total (#12)");
      assertThat(bySha.authorLogin()).isEqualTo("bob");
      assertThat(bySha.committerLogin()).isEqualTo("bob");
      assertThat(github.commit(SHOP, "main").sha()).isEqualTo(shop.third());
      assertThat(github.commit(SHOP, "heads/side").sha()).isEqualTo(shop.side());
      CommitSummary nobody = github.commit(SHOP, shop.unrelated());
      assertThat(nobody.authorLogin()).as("no user for an empty e-mail").isNull();
      github.commit(SHOP, shop.unrelated());
    }
    assertThat(hub.requestCount("repos/get-commit")).as("a full SHA is asked once").isEqualTo(4);
  }

  @Test
  void unknownCommitsAreToldApartFromUnreachableRepositories() {
    try (GitHubClient github = client(ResponseCache.NONE)) {
      String missing = "0123456789abcdef0123456789abcdef01234567";
      assertThatThrownBy(() -> github.commit(SHOP, missing))
          .isInstanceOfSatisfying(
              CommitNotFoundException.class,
              e -> {
                assertThat(e.status()).isEqualTo(422);
                assertThat(e.ref()).isEqualTo(missing);
              })
          .hasMessageContaining("acme/shop has no commit " + missing);
      assertThatThrownBy(() -> github.compare(SHOP, missing, shop.third()))
          .isInstanceOfSatisfying(
              CommitNotFoundException.class, e -> assertThat(e.status()).isEqualTo(404));
      assertThatThrownBy(() -> github.compare(SHOP, shop.first(), shop.unrelated()))
          .isInstanceOf(NoCommonAncestorException.class)
          .hasMessageContaining("No common ancestor");
      assertThatThrownBy(
              () -> github.compare(RepositoryName.parse("acme/gone"), shop.first(), shop.third()))
          .isInstanceOf(GitHubException.class)
          .isNotInstanceOf(CommitNotFoundException.class)
          .hasMessageContaining("404");
      assertThatThrownBy(() -> github.compare(SHOP, "a b", shop.third()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("base must be a commit SHA");
    }
  }

  @Test
  void anInvisibleCodeRepositoryIsExplainedInTermsOfThePermissionItNeeds() {
    hub.createRepo("acme/secret", RepoOptions.PRIVATE);
    hub.serveCode("acme/secret", git.path());
    try (GitHubClient anonymous =
        Clients.client(
            hub.baseUrl(), new Credentials.Anonymous(), FAST, log::add, ResponseCache.NONE)) {
      assertThatThrownBy(
              () ->
                  anonymous.compare(
                      RepositoryName.parse("acme/secret"), shop.first(), shop.third()))
          .isInstanceOf(GitHubException.class)
          .isNotInstanceOf(CommitNotFoundException.class)
          .hasMessage(
              "GET /repos/acme/secret/compare/"
                  + shop.first()
                  + "..."
                  + shop.third()
                  + ": 404 Not Found: no repository acme/secret, or the credentials cannot see it"
                  + " (a token needs the repo scope for a private repository, a GitHub App"
                  + " Contents: read on acme/secret)");
    }
    try (GitHubClient github = client(ResponseCache.NONE)) {
      assertThat(
              github
                  .compare(RepositoryName.parse("acme/secret"), shop.first(), shop.third())
                  .contains())
          .isTrue();
    }
  }

  @Test
  void deploymentsRoundTrip() {
    try (GitHubClient github = client(ResponseCache.NONE)) {
      long id =
          github.createDeployment(
              SHOP, new DeploymentRequest(shop.third(), "QA", false, "deploy-qa #2"));
      DeploymentStatus status =
          github.createDeploymentStatus(
              SHOP, id, "success", "https://ci.example.com/builds/2", "deployed by deploy-qa #2");
      assertThat(status.state()).isEqualTo("success");
      assertThat(status.logUrl()).isEqualTo("https://ci.example.com/builds/2");
      long prod =
          github.createDeployment(SHOP, new DeploymentRequest(shop.second(), "PROD", true, null));

      List<Deployment> qa = github.listDeployments(SHOP, "QA");
      assertThat(qa)
          .extracting(Deployment::id, Deployment::sha)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(id, shop.third()));
      assertThat(qa.get(0).creatorLogin()).isEqualTo("ci-bot");
      assertThat(qa.get(0).productionEnvironment()).isFalse();
      assertThat(github.listDeployments(SHOP, null))
          .extracting(Deployment::id)
          .containsExactly(prod, id);
      assertThat(github.listDeploymentStatuses(SHOP, id))
          .extracting(DeploymentStatus::state, DeploymentStatus::environment)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("success", "QA"));
    }
    RecordedRequest create =
        hub.requests().stream()
            .filter(r -> "repos/create-deployment".equals(r.operation()))
            .findFirst()
            .orElseThrow();
    assertThat(create.body())
        .contains("\"auto_merge\":false")
        .contains("\"required_contexts\":[]")
        .contains("\"production_environment\":false");
  }

  @Test
  void aDeploymentOfAnUnknownRefIsA422() {
    try (GitHubClient github = client(ResponseCache.NONE)) {
      assertThatThrownBy(
              () -> github.createDeployment(SHOP, new DeploymentRequest("nope", "QA", false, null)))
          .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.status()).isEqualTo(422))
          .hasMessageContaining("No ref found for: nope");
    }
  }

  @Test
  void everyExchangeConformsToGitHubsDescription() {
    compareTellsWhetherHeadContainsBase();
    commitResolvesPrefixesAndBranches();
    unknownCommitsAreToldApartFromUnreachableRepositories();
    deploymentsRoundTrip();
    List<Exchange> exchanges = hub.requests().stream().map(Exchanges::of).toList();
    assertThat(exchanges).hasSizeGreaterThan(15);
    GitHubContract.apiGitHubCom().allowingUndocumentedStatus(422).assertConforms(exchanges);
  }
}
