package trafficlight.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trafficlight.localhub.RecordedRequest;

/** GitHubClient with a ResponseCache, against localhub's ETags and 304s. */
class ConditionalRequestTest extends AgainstLocalHub {

  static final String REPO = "acme/gates";
  static final RetryPolicy FAST = Clients.quick(4, Duration.ofSeconds(1));

  String token;

  @BeforeEach
  void start() {
    hub.createRepo(REPO);
    token = hub.createToken("ci-bot");
    for (int i = 0; i < 3; i++) {
      hub.createIssue(REPO, "gate " + i, "body", List.of(), "ci-bot");
    }
  }

  GitHubClient client(ResponseCache cache) {
    return Clients.client(hub.baseUrl(), new Credentials.Token(token), FAST, log::add, cache);
  }

  /** One issue a page, so three pages linked by {@code Link}. */
  static final IssueQuery ONE_PER_PAGE =
      new IssueQuery("all", List.of(), "created", "asc", null, 1);

  List<Long> numbers(GitHubClient github) {
    List<Long> numbers = new ArrayList<>();
    github
        .listIssues(RepositoryName.parse(REPO), ONE_PER_PAGE)
        .forEach(i -> numbers.add(i.number()));
    return numbers;
  }

  FileResponseCache cache() {
    return FileResponseCache.load(dir.resolve("c.json"), "k", FileResponseCache.Limits.DEFAULT);
  }

  @Test
  void unchangedPagesAreAnsweredFromTheCacheAndCostNoRateLimit() {
    FileResponseCache cache = cache();
    List<Long> first;
    try (GitHubClient github = client(cache)) {
      first = numbers(github);
    }
    cache.save();
    assertThat(first).containsExactly(1L, 2L, 3L);
    assertThat(hub.requests()).extracting(RecordedRequest::status).containsExactly(200, 200, 200);
    String remaining = hub.requests().get(2).responseHeader("x-ratelimit-remaining");
    hub.clearRequests();

    try (GitHubClient github = client(cache())) {
      assertThat(numbers(github)).isEqualTo(first);
    }

    assertThat(hub.requests()).extracting(RecordedRequest::status).containsExactly(304, 304, 304);
    assertThat(hub.requests())
        .allSatisfy(r -> assertThat(r.header("If-None-Match")).startsWith("W/\""))
        .allSatisfy(
            r -> assertThat(r.responseHeader("x-ratelimit-remaining")).isEqualTo(remaining));
    assertThat(log).isEmpty();
  }

  @Test
  void aChangedPageIsFetchedAgainAndReplacesItsEntry() {
    FileResponseCache cache = cache();
    try (GitHubClient github = client(cache)) {
      numbers(github);
      hub.renameIssue(REPO, 3, "gate 3 renamed");
      hub.clearRequests();
      List<String> titles = new ArrayList<>();
      github
          .listIssues(RepositoryName.parse(REPO), ONE_PER_PAGE)
          .forEach(i -> titles.add(i.title()));

      assertThat(titles).containsExactly("gate 0", "gate 1", "gate 3 renamed");
      assertThat(hub.requests()).extracting(RecordedRequest::status).containsExactly(304, 304, 200);
    }
  }

  @Test
  void aCachedEntryThatCannotBeUsedFallsBackToAnUnconditionalRequest() {
    FileResponseCache cache = cache();
    try (GitHubClient github = client(cache)) {
      numbers(github);
      String first = cache.urls().get(0);
      ResponseCache.Entry real = cache.lookup(first);
      // the right ETag, so GitHub answers 304, but a body that is not JSON
      cache.store(first, new ResponseCache.Entry(real.etag(), "{not json", real.link()));
      hub.clearRequests();

      assertThat(numbers(github)).containsExactly(1L, 2L, 3L);

      assertThat(hub.requests())
          .extracting(RecordedRequest::status)
          .containsExactly(304, 200, 304, 304);
      assertThat(hub.requests().get(1).header("If-None-Match")).isNull();
      assertThat(cache.lookup(first)).isEqualTo(real);
      assertThat(log).as("not a retry").isEmpty();
    }
  }

  @Test
  void a304ToAnUnconditionalRequestIsAnErrorAndNotRetried() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(304, -1);
          exchange.close();
        });
    server.start();
    try (GitHubClient github =
        Clients.client(
            "http://127.0.0.1:" + server.getAddress().getPort(),
            new Credentials.Anonymous(),
            FAST,
            log::add,
            cache())) {
      assertThatThrownBy(() -> github.getIssue(RepositoryName.parse(REPO), 1))
          .isInstanceOf(GitHubException.class)
          .hasMessageContaining("304 Not Modified to an unconditional request");
    } finally {
      server.stop(0);
    }
    assertThat(requests.get()).isEqualTo(1);
    assertThat(log).isEmpty();
  }

  @Test
  void writesAreNeverConditionalNorCached() {
    FileResponseCache cache = cache();
    try (GitHubClient github = client(cache)) {
      github.createComment(RepositoryName.parse(REPO), 1, "hello");
      github.createComment(RepositoryName.parse(REPO), 1, "hello");
    }
    assertThat(cache.urls()).isEmpty();
    assertThat(hub.requests()).allSatisfy(r -> assertThat(r.header("If-None-Match")).isNull());
  }

  @Test
  void theMemoryCacheAnswersA304AndDropsTheLeastRecentlyUsedEntry() {
    MemoryResponseCache cache = new MemoryResponseCache(2);
    try (GitHubClient github = client(cache)) {
      RepositoryName repo = RepositoryName.parse(REPO);
      github.getIssue(repo, 1);
      github.getIssue(repo, 2);
      github.getIssue(repo, 1);
      github.getIssue(repo, 3);
      assertThat(cache.size()).isEqualTo(2);
      hub.clearRequests();

      assertThat(github.getIssue(repo, 1).title()).isEqualTo("gate 0");
      assertThat(github.getIssue(repo, 2).title()).isEqualTo("gate 1");
    }
    assertThat(hub.requests())
        .extracting(r -> r.path() + " " + r.status())
        .containsExactly("/repos/acme/gates/issues/1 304", "/repos/acme/gates/issues/2 200");
  }
}
