package trafficlight.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import trafficlight.board.web.BoardServer;
import trafficlight.gate.GateEvents;
import trafficlight.gate.TitleFormat;
import trafficlight.github.Credentials;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.GitHubException;
import trafficlight.github.MemoryResponseCache;
import trafficlight.github.RateLimitException;
import trafficlight.github.RepositoryName;
import trafficlight.localhub.Fault;
import trafficlight.localhub.FaultPolicy;
import trafficlight.localhub.RecordedRequest;

/**
 * The board and promote under every fault localhub can inject: a failed refresh keeps serving the
 * last good board and says so, the next refresh recovers it exactly; promote never doubles its
 * comment and refuses cleanly on an exhausted rate limit.
 */
class BoardFaultsTest {

  static final String PATH = "/repos/" + DeployedGates.REPO;

  final DeployedGates gates = new DeployedGates();
  final DeployedGates.Seeded seeded = gates.seed();
  final RepositoryName repo = RepositoryName.parse(DeployedGates.REPO);
  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  // timeout 1 s, so a 1.5 s delay is a read timeout
  final GitHubClient github =
      new GitHubClient(
          GitHubEndpoint.parse(gates.hub.baseUrl()),
          new Credentials.Token(gates.token),
          Duration.ofSeconds(1),
          GitHubFixture.FAST,
          m -> {},
          new MemoryResponseCache(1000));
  BoardServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    github.close();
    gates.close();
  }

  static List<FaultPolicy> policies() {
    return List.of(
        new FaultPolicy.ServerError(502),
        new FaultPolicy.SecondaryRateLimit(1),
        new FaultPolicy.TooManyRequests(1),
        new FaultPolicy.RateLimitExhausted(Duration.ofHours(1)),
        new FaultPolicy.Delay(Duration.ofMillis(1500)),
        new FaultPolicy.DropConnection(),
        new FaultPolicy.LoseResponseAfterApply(),
        new FaultPolicy.MalformedJson(),
        new FaultPolicy.TruncatedJson(),
        new FaultPolicy.HtmlErrorPage(502));
  }

  /**
   * The chain's clock starts at a fixed past time while the client measures a reset against the
   * Date header: a reset an hour after the hub's time would be long past, and waited out.
   */
  FaultPolicy real(FaultPolicy policy) {
    if (policy instanceof FaultPolicy.RateLimitExhausted e) {
      Duration behind = Duration.between(gates.hub.clock().instant(), Instant.now());
      return new FaultPolicy.RateLimitExhausted(
          e.resetIn().plus(behind.isNegative() ? Duration.ZERO : behind));
    }
    return policy;
  }

  GateReader reader() {
    return new GateReader(
        github, repo, TitleFormat.defaultFormat(), GateReader.Reading.standard(gates.hub.clock()));
  }

  static String json(Board b) {
    return BoardJson.write(BoardJson.board(b, b.projects()), false);
  }

  /** What a board that never saw a fault reads now: a fresh reader, its own client and cache. */
  String truth() {
    try (GitHubClient fresh =
        GitHubFixture.client(gates.hub.baseUrl(), gates.token, new MemoryResponseCache(1000))) {
      return json(
          new GateReader(
                  fresh,
                  repo,
                  TitleFormat.defaultFormat(),
                  GateReader.Reading.standard(gates.hub.clock()))
              .read());
    }
  }

  String api(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  // ---- refresh

  /** Which of the board's reads fails: the listing (incremental or full), comments, closed_by. */
  enum Read {
    LISTING,
    FULL_LISTING,
    COMMENTS,
    ISSUE
  }

  static Stream<Arguments> refreshFaults() {
    List<Arguments> all = new ArrayList<>();
    for (Read read : Read.values()) {
      for (FaultPolicy policy : policies()) {
        all.add(Arguments.of(read, policy));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("refreshFaults")
  void aFailedRefreshKeepsTheLastGoodBoardSaysSoAndTheNextRecovers(Read read, FaultPolicy policy)
      throws Exception {
    server =
        BoardServer.start(
            github,
            reader(),
            new BoardServer.Config("127.0.0.1", 0, Duration.ofHours(1), false, log::add));
    server.refresh(); // settles the since= URL
    Board good = server.board();
    String goodJson = json(good);
    assertThat(api("/api/board")).doesNotContain("\"error\"");

    // changes the failing refresh would have shown: a third build on QA (its comments are read
    // again), billing CI promoted by erin (its closed_by is read again)
    gates.advance(Duration.ofMinutes(1));
    gates.deploy("myapp", "QA", "5", DeployedGates.sha('c'), "Speed up the search");
    gates.hub.closeIssue(DeployedGates.REPO, seeded.billing(), "erin");
    if (read == Read.FULL_LISTING) {
      gates.advance(Duration.ofMinutes(11)); // past fullEvery: this refresh lists everything
    }
    String path =
        switch (read) {
          case LISTING, FULL_LISTING -> PATH + "/issues";
          case COMMENTS -> PATH + "/issues/" + seeded.qa() + "/comments";
          case ISSUE -> PATH + "/issues/" + seeded.billing();
        };
    gates.hub.clearRequests();
    gates.hub.inject(Fault.on("GET", path).always().policy(real(policy)));
    server.refresh();
    gates.hub.clearFaults();

    assertThat(gates.hub.requests())
        .as("the fault was hit")
        .anyMatch(r -> r.path().endsWith(path) && r.fault() != null);
    // the last good board, whole, still served
    assertThat(server.board()).isSameAs(good);
    String served = api("/api/board");
    assertThat(served).startsWith(goodJson.substring(0, goodJson.length() - 1) + ",");
    // and the failure visible: on the page, on /healthz, in the log
    assertThat(served).contains("\"error\":\"GET ");
    assertThat(api("/healthz")).isNotEqualTo("ok").contains(path);
    assertThat(log).singleElement().asString().startsWith("board refresh failed: GET " + path);

    server.refresh();
    Board recovered = server.board();
    assertThat(api("/api/board")).doesNotContain("\"error\"");
    assertThat(api("/healthz")).isEqualTo("ok");
    Stage qa = recovered.project("myapp").orElseThrow().stage("QA").orElseThrow();
    assertThat(qa.buildsWaiting()).isEqualTo(3);
    Stage billing = recovered.project("billing").orElseThrow().stage("CI").orElseThrow();
    assertThat(billing.light()).isEqualTo(Light.GREEN);
    assertThat(billing.latest().closedBy()).isEqualTo("erin");
    // nothing lost or corrupted along the way: exactly what a board that saw no fault reads
    assertThat(json(recovered)).isEqualTo(truth());
    // and it stays so on the following (incremental) refresh
    gates.advance(Duration.ofMinutes(1));
    server.refresh();
    assertThat(json(server.board())).isEqualTo(truth());
  }

  // ---- promote

  String promotedComment() {
    return "Promoted to **Production** by dana with trafficlight promote:"
        + " closing this issue lets the next stage deploy.";
  }

  long promotionComments() {
    return gates.hub.issue(DeployedGates.REPO, seeded.qa()).comments().stream()
        .filter(c -> c.body().startsWith("Promoted to "))
        .count();
  }

  Promotion.Result promote(Board board) {
    return Promotion.promote(
        github,
        repo,
        board,
        new Promotion.Request("myapp", "QA", "dana", "trafficlight promote", null),
        GateEvents.NONE);
  }

  @Test
  void aLostCommentResponseIsLookedForNotRepeated() {
    Board board = reader().read();
    String comments = PATH + "/issues/" + seeded.qa() + "/comments";
    gates.hub.clearRequests();
    gates.hub.inject(Fault.on("POST", comments).policy(new FaultPolicy.LoseResponseAfterApply()));

    Promotion.Result result = promote(board);

    assertThat(result.closed().number()).isEqualTo(seeded.qa());
    var issue = gates.hub.issue(DeployedGates.REPO, seeded.qa());
    assertThat(issue.state()).isEqualTo("closed");
    assertThat(issue.stateReason()).isEqualTo("completed");
    assertThat(promotionComments()).isEqualTo(1);
    assertThat(issue.comments().get(issue.comments().size() - 1).body())
        .isEqualTo(promotedComment());
    assertThat(writes("POST")).isEqualTo(1);
    assertThat(writes("PATCH")).isEqualTo(1);
  }

  @Test
  void aLostCloseResponseClosesOnceWithOneComment() {
    Board board = reader().read();
    gates.hub.clearRequests();
    gates.hub.inject(
        Fault.on("PATCH", PATH + "/issues/" + seeded.qa())
            .policy(new FaultPolicy.LoseResponseAfterApply()));

    promote(board);

    var issue = gates.hub.issue(DeployedGates.REPO, seeded.qa());
    assertThat(issue.state()).isEqualTo("closed");
    assertThat(issue.stateReason()).isEqualTo("completed");
    assertThat(promotionComments()).isEqualTo(1);
    assertThat(writes("POST")).isEqualTo(1);
    // the close was repeated (safe) and the repeat found the issue closed already
    assertThat(writes("PATCH")).isEqualTo(2);
    // the board then shows it promoted, once
    assertThat(reader().read().project("myapp").orElseThrow().stage("QA").orElseThrow().light())
        .isEqualTo(Light.GREEN);
  }

  @Test
  void aPromotionRepeatedAfterAFailedCloseDoesNotCommentAgain() {
    Board board = reader().read();
    // the close fails for good (the limit runs out between the comment and the close)
    gates.hub.inject(
        Fault.on("PATCH", PATH + "/issues/" + seeded.qa())
            .always()
            .policy(real(new FaultPolicy.RateLimitExhausted(Duration.ofHours(1)))));
    assertThatThrownBy(() -> promote(board)).isInstanceOf(RateLimitException.class);
    assertThat(gates.hub.issue(DeployedGates.REPO, seeded.qa()).state()).isEqualTo("open");
    assertThat(promotionComments()).isEqualTo(1);
    gates.hub.clearFaults();

    promote(board); // the person tries again

    assertThat(gates.hub.issue(DeployedGates.REPO, seeded.qa()).state()).isEqualTo("closed");
    assertThat(promotionComments()).isEqualTo(1);
  }

  @Test
  void anExhaustedRateLimitRefusesWithOneClearMessageAndChangesNothing() {
    Board board = reader().read();
    var before = gates.hub.issue(DeployedGates.REPO, seeded.qa());
    gates.hub.clearRequests();
    gates.hub.inject(
        Fault.onPattern(Fault.ANY_METHOD, ".*")
            .always()
            .policy(real(new FaultPolicy.RateLimitExhausted(Duration.ofHours(1)))));

    long started = System.nanoTime();
    assertThatThrownBy(() -> promote(board))
        .isInstanceOf(RateLimitException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("\n")
                    .startsWith("GET " + PATH + "/issues/" + seeded.qa() + ": ")
                    .contains("rate limit")
                    .contains("resets at"));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

    assertThat(gates.hub.requests()).hasSize(1); // no retries, no writes
    assertThat(gates.hub.issue(DeployedGates.REPO, seeded.qa())).isEqualTo(before);
  }

  static Stream<Arguments> promoteFaults() {
    List<Arguments> all = new ArrayList<>();
    for (String request : List.of("GET issue", "GET comments", "POST comment", "PATCH issue")) {
      for (FaultPolicy policy : policies()) {
        all.add(Arguments.of(request, policy));
      }
    }
    return all.stream();
  }

  /**
   * Each fault once on each of promote's requests: promote succeeds at once, or (an exhausted
   * limit) fails without a half-done promotion that a retry would double; either way the issue ends
   * closed once with exactly one comment.
   */
  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("promoteFaults")
  void promoteUnderAFaultClosesOnceWithOneComment(String request, FaultPolicy policy) {
    Board board = reader().read();
    String issuePath = PATH + "/issues/" + seeded.qa();
    String method = request.substring(0, request.indexOf(' '));
    String path = request.endsWith("issue") ? issuePath : issuePath + "/comments";
    Fault fault = Fault.on(method, path);
    gates.hub.clearRequests();
    gates.hub.inject(fault.policy(real(policy)));

    boolean exhausted = policy instanceof FaultPolicy.RateLimitExhausted;
    if (exhausted) {
      assertThatThrownBy(() -> promote(board))
          .isInstanceOf(GitHubException.class)
          .hasMessageContaining("rate limit");
      assertThat(gates.hub.issue(DeployedGates.REPO, seeded.qa()).state()).isEqualTo("open");
      assertThat(promotionComments()).isEqualTo(request.equals("PATCH issue") ? 1 : 0);
      promote(board); // once the limit resets
    } else {
      promote(board);
    }
    assertThat(gates.hub.pendingFaults()).as("the fault was hit").isEmpty();
    var issue = gates.hub.issue(DeployedGates.REPO, seeded.qa());
    assertThat(issue.state()).isEqualTo("closed");
    assertThat(issue.stateReason()).isEqualTo("completed");
    assertThat(promotionComments()).isEqualTo(1);
  }

  private long writes(String method) {
    return gates.hub.requests().stream()
        .filter(r -> r.method().equals(method))
        .filter(r -> r.status() >= 200 && r.status() < 300 || r.fault() != null)
        .map(RecordedRequest::method)
        .count();
  }
}
