package trafficlight.resource.pulls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.GateEvent;
import trafficlight.github.Credentials;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.RetryPolicy;
import trafficlight.localhub.LocalGitRepository;
import trafficlight.localhub.LocalHub;
import trafficlight.localhub.RecordedRequest;

/**
 * What the comments cost a put: one lookup per carried commit, one write per pull request (two at
 * the last stage), at most {@link PullRequestComments#MAX_PULL_REQUESTS} pull requests, a second
 * apart.
 */
class PullRequestCommentsCostTest {

  static final String CODE = "acme/myapp";

  @TempDir Path work;
  LocalHub hub;
  GitHubClient github;
  final List<DeployRecord.Commit> carried = new ArrayList<>();
  final List<String> log = new ArrayList<>();

  @BeforeEach
  void thirtyMergedPullRequests() {
    try (LocalGitRepository git = LocalGitRepository.init(work.resolve("myapp.git"))) {
      for (int i = 1; i <= 30; i++) {
        String sha =
            git.commit("main", "Change " + i, "Ann", "ann@example.com", Map.of("f", "" + i));
        carried.add(new DeployRecord.Commit(sha, "Change " + i, "ann", "ann"));
      }
      hub = LocalHub.builder().codeRepository(CODE, git.path()).start();
    }
    hub.createRepo("acme/gates");
    for (DeployRecord.Commit c : carried) {
      hub.createPullRequest(CODE, c.subject(), c.sha(), c.sha(), "ann");
    }
    github =
        new GitHubClient(
            GitHubEndpoint.parse(hub.baseUrl()),
            new Credentials.Token(hub.createToken("ci-bot")),
            Duration.ofSeconds(10),
            RetryPolicy.DEFAULT,
            log::add);
  }

  @AfterEach
  void stop() {
    github.close();
    hub.close();
  }

  GateEvent.Deployed deployed(String stage, String next, List<DeployRecord.Commit> commits) {
    DeployRecord record =
        new DeployRecord(
            new DeployRecord.Change(commits.get(commits.size() - 1).sha(), null, CODE, commits),
            new DeployRecord.Build(
                "1",
                "deploy-" + stage.toLowerCase(java.util.Locale.ROOT),
                "myapp",
                "https://ci.example.com/builds/1"),
            next,
            null,
            null);
    return new GateEvent.Deployed(
        new GateEvent.Gate(
            "acme/gates", 1, "[bot] Pulumi myapp applications.myapp." + stage + " deployed.", null),
        Instant.parse("2026-12-07T21:00:00Z"),
        record);
  }

  long count(String method, String pathEnd) {
    return hub.requests().stream()
        .filter(r -> r.method().equals(method) && r.path().matches(".*" + pathEnd))
        .count();
  }

  @Test
  void aDeployCarryingThirtyPullRequestsTellsTheNewestTwentyFiveWithOneWriteEach() {
    new PullRequestComments(github, log::add, false, Duration.ZERO)
        .send(deployed("QA", "Production", carried));

    assertThat(count("GET", "/commits/[0-9a-f]+/pulls")).as("lookups").isEqualTo(30);
    assertThat(count("GET", "/issues/\\d+/comments")).as("reads").isEqualTo(25);
    assertThat(count("POST", "/issues/\\d+/comments")).as("writes").isEqualTo(25);
    assertThat(hub.issue(CODE, 1).comments()).as("the oldest").isEmpty();
    assertThat(hub.issue(CODE, 30).comments()).hasSize(1);
    assertThat(log)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "(30 lookups, 25 writes); 5 older ones not told: a put tells at most 25"));
    print("QA, first deploy (30 pull requests)");

    hub.clearRequests();
    new PullRequestComments(github, log::add, true, Duration.ZERO)
        .send(deployed("Production", null, carried.subList(25, 30)));

    assertThat(count("GET", "/commits/[0-9a-f]+/pulls")).as("kept for good").isZero();
    assertThat(count("PATCH", "/issues/comments/\\d+")).as("edits").isEqualTo(5);
    assertThat(count("POST", "/issues/\\d+/comments")).as("arrivals").isEqualTo(5);
    assertThat(hub.issue(CODE, 30).comments()).hasSize(2);
    print("Production, same client (5 pull requests)");
  }

  @Test
  void writesAreASecondApart() {
    long start = System.nanoTime();
    new PullRequestComments(github, log::add, true, Duration.ofMillis(200))
        .send(deployed("Production", null, carried.subList(0, 3)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(count("POST", "/issues/\\d+/comments")).isEqualTo(6);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(5 * 200));
  }

  private void print(String what) {
    Map<String, Long> byOperation = new java.util.TreeMap<>();
    for (RecordedRequest r : hub.requests()) {
      byOperation.merge(r.method() + " " + r.operation(), 1L, Long::sum);
    }
    System.out.println("requests, " + what + ": " + byOperation);
  }
}
