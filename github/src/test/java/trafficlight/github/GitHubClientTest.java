package trafficlight.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trafficlight.localhub.Fault;
import trafficlight.localhub.FaultPolicy;
import trafficlight.localhub.RecordedRequest;

/**
 * GitHubClient's retries, rate-limit handling and write-once behaviour, against localhub faults.
 */
class GitHubClientTest extends AgainstLocalHub {

  static final String REPO = "acme/gates";
  static final RepositoryName REPOSITORY = RepositoryName.parse(REPO);
  static final String ISSUES = "/repos/" + REPO + "/issues";
  static final String ISSUE_1 = ISSUES + "/1";
  static final String COMMENTS_1 = ISSUE_1 + "/comments";
  static final RetryPolicy FAST = Clients.quick(4, Duration.ofSeconds(2));

  GitHubClient github;

  @BeforeEach
  void start() {
    hub.createRepo(REPO);
    hub.createIssue(REPO, "gate", "body", List.of(), "ci-bot");
    github =
        Clients.client(
            hub.baseUrl(),
            new Credentials.Token(hub.createToken("ci-bot")),
            FAST,
            log::add,
            ResponseCache.NONE);
    hub.clearRequests();
  }

  @AfterEach
  void stop() {
    github.close();
  }

  List<Integer> statuses() {
    return hub.requests().stream().map(RecordedRequest::status).toList();
  }

  List<String> commentBodies() {
    return hub.issue(REPO, 1).comments().stream().map(c -> c.body()).toList();
  }

  @Test
  void aListedCommentSaysWhenItWasLastEdited() {
    long id = hub.addComment(REPO, 1, "alice", "/promote 9f8e7d6");
    Instant written = hub.issue(REPO, 1).comments().get(0).createdAt();
    hub.clock().advance(Duration.ofMinutes(5));
    hub.editComment(REPO, id, "/promote 1a2b3c4");

    Comment comment = github.listComments(REPOSITORY, 1, null).get(0);

    Instant edited = hub.issue(REPO, 1).comments().get(0).updatedAt();
    assertThat(comment.body()).isEqualTo("/promote 1a2b3c4");
    assertThat(comment.createdAt()).isEqualTo(written.truncatedTo(ChronoUnit.SECONDS));
    assertThat(comment.updatedAt()).isEqualTo(edited.truncatedTo(ChronoUnit.SECONDS));
    assertThat(Duration.between(comment.createdAt(), comment.updatedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(4));
  }

  @Test
  void aReadIsRetriedAfterServerErrors() {
    hub.inject(Fault.on("GET", ISSUE_1).times(2).policy(new FaultPolicy.ServerError(502)));

    assertThat(github.getIssue(REPOSITORY, 1).title()).isEqualTo("gate");

    assertThat(statuses()).containsExactly(502, 502, 200);
    assertThat(log)
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).startsWith("GET " + ISSUE_1 + ": GitHub answered 502"))
        .satisfies(lines -> assertThat(lines.get(1)).endsWith("(attempt 3 of 4)"));
  }

  @Test
  void aReadGivesUpAfterItsLastAttempt() {
    hub.inject(Fault.on("GET", ISSUE_1).always().policy(new FaultPolicy.HtmlErrorPage(503)));

    assertThatThrownBy(() -> github.getIssue(REPOSITORY, 1))
        .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.outcomeUnknown()).isTrue())
        .hasMessage(
            "GET " + ISSUE_1 + ": GitHub answered 503 (an HTML error page, probably from a proxy)");
    assertThat(statuses()).containsExactly(503, 503, 503, 503);
  }

  @Test
  void aReadWhoseBodyIsNotJsonIsRetried() {
    hub.inject(Fault.on("GET", ISSUE_1).policy(new FaultPolicy.TruncatedJson()));

    assertThat(github.getIssue(REPOSITORY, 1).number()).isEqualTo(1);

    assertThat(statuses()).containsExactly(200, 200);
    assertThat(log).singleElement().asString().contains("with a body that is not JSON");
  }

  @Test
  void aCreateIsNeverRepeatedBlindly() {
    hub.inject(Fault.on("POST", ISSUES).policy(new FaultPolicy.ServerError(500)));

    assertThatThrownBy(() -> github.createIssue(REPOSITORY, "t", "b", List.of(), List.of()))
        .isInstanceOfSatisfying(
            GitHubException.class, e -> assertThat(e.outcomeUnknown()).isTrue());

    assertThat(statuses()).containsExactly(500);
    assertThat(hub.issues(REPO)).hasSize(1);
  }

  @Test
  void aShortSecondaryRateLimitIsWaitedOutEvenForAWrite() {
    hub.inject(Fault.on("POST", ISSUES).policy(new FaultPolicy.TooManyRequests(1)));

    Issue created = github.createIssue(REPOSITORY, "second", "b", List.of(), List.of());

    assertThat(created.number()).isEqualTo(2);
    assertThat(statuses()).containsExactly(429, 201);
    assertThat(hub.requests().get(1).time())
        .isAfterOrEqualTo(hub.requests().get(0).time().plusSeconds(1));
    assertThat(log)
        .singleElement()
        .asString()
        .contains("GitHub's secondary rate limit (429), retry after 1 s; retrying in 1.0 s");
  }

  @Test
  void anExhaustedRateLimitThatLastsLongerThanTheClientWaitsFailsWithItsResetTime() {
    hub.inject(
        Fault.on("GET", ISSUE_1)
            .policy(new FaultPolicy.RateLimitExhausted(Duration.ofMinutes(10))));
    Instant before = Instant.now();

    assertThatThrownBy(() -> github.getIssue(REPOSITORY, 1))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.resetsAt())
                  .isBetween(before.plusSeconds(9 * 60), before.plusSeconds(11 * 60));
            })
        .hasMessageContaining("GitHub API rate limit exhausted (403, limit 5000 an hour)")
        .hasMessageContaining("in 11 min: check less often (check_every) or use a webhook");
    assertThat(statuses()).containsExactly(403);
  }

  @Test
  void aCommentWhoseResponseWasLostIsFoundNotRepeated() {
    hub.inject(Fault.on("POST", COMMENTS_1).policy(new FaultPolicy.LoseResponseAfterApply()));

    Comment comment = github.commentOnce(REPOSITORY, 1, "build 7 deployed", Instant.EPOCH);

    assertThat(comment.body()).isEqualTo("build 7 deployed");
    assertThat(commentBodies()).containsExactly("build 7 deployed");
    assertThat(hub.requests()).extracting(RecordedRequest::method).containsExactly("POST", "GET");
    assertThat(log.get(0)).endsWith("; looking for the comment before trying again");
    assertThat(log.get(1)).startsWith("the comment did reach GitHub: ");
  }

  @Test
  void aCommentThatDidNotLandIsLookedForTwiceThenTriedAgain() {
    hub.inject(Fault.on("POST", COMMENTS_1).policy(new FaultPolicy.ServerError(502)));

    github.commentOnce(REPOSITORY, 1, "build 8 deployed", Instant.EPOCH);

    assertThat(commentBodies()).containsExactly("build 8 deployed");
    assertThat(hub.requests())
        .extracting(r -> r.method() + " " + r.status())
        .containsExactly("POST 502", "GET 200", "GET 200", "POST 201");
    Duration settle = Duration.between(hub.requests().get(1).time(), hub.requests().get(2).time());
    assertThat(settle)
        .as("a pause before looking again")
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void aRefusedCommentIsNotLookedFor() {
    assertThatThrownBy(() -> github.commentOnce(REPOSITORY, 99, "hello", Instant.EPOCH))
        .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessageContaining("no such repository or issue");
    assertThat(statuses()).containsExactly(404);
  }

  @Test
  void aWriteThatKeepsFailingStopsAfterItsLastAttempt() {
    hub.inject(Fault.on("POST", COMMENTS_1).always().policy(new FaultPolicy.DropConnection()));
    List<String> looks = new ArrayList<>();

    assertThatThrownBy(
            () ->
                new WriteOnce(log::add)
                    .perform(
                        "the comment",
                        () -> github.createComment(REPOSITORY, 1, "never"),
                        () -> {
                          looks.add("look");
                          return Optional.<Comment>empty();
                        }))
        .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.status()).isZero());

    assertThat(hub.requests()).hasSize(WriteOnce.ATTEMPTS);
    assertThat(looks).hasSize(2 * (WriteOnce.ATTEMPTS - 1));
    assertThat(commentBodies()).isEmpty();
  }

  @Test
  void anIssueCreatedBehindALostResponseIsFoundNotCreatedAgain() {
    hub.inject(Fault.on("POST", ISSUES).policy(new FaultPolicy.LoseResponseAfterApply()));

    Issue created =
        new WriteOnce(log::add)
            .perform(
                "the issue",
                () -> github.createIssue(REPOSITORY, "deployed", "build 9", List.of(), List.of()),
                () -> {
                  for (Issue issue : github.listIssues(REPOSITORY, IssueQuery.open())) {
                    if (issue.title().equals("deployed")) {
                      return Optional.of(issue);
                    }
                  }
                  return Optional.empty();
                });

    assertThat(created.number()).isEqualTo(2);
    assertThat(hub.issues(REPO)).extracting(i -> i.title()).containsExactly("gate", "deployed");
    assertThat(hub.requests())
        .extracting(r -> r.method() + " " + r.status())
        .containsExactly("POST 0", "GET 200");
  }
}
