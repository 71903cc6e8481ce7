package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import trafficlight.localhub.Fault;
import trafficlight.localhub.FaultPolicy;
import trafficlight.localhub.Issue;

/**
 * Every fault GitHub is known for, injected once on each request of each operation. After every
 * scenario: at most one open issue per title, no build lost or doubled, the consume rename applied
 * once, check's answer right; a failure is a non-zero exit with one clear line, and running the
 * step again afterwards loses nothing. docs/RELIABILITY.md tabulates these scenarios.
 */
class FaultMatrixTest extends AgainstLocalHub {

  enum Operation {
    CHECK("GET /issues"),
    GET("GET /issues/1", "PATCH /issues/1"),
    PUT_CREATING("GET /issues", "POST /issues"),
    PUT_COMMENTING("GET /issues", "POST /issues/1/comments");

    final List<String> requests;

    Operation(String... requests) {
      this.requests = List.of(requests);
    }
  }

  static final List<FaultPolicy> FAULTS =
      List.of(
          new FaultPolicy.ServerError(500),
          new FaultPolicy.ServerError(502),
          new FaultPolicy.ServerError(503),
          new FaultPolicy.DropConnection(),
          new FaultPolicy.Delay(Duration.ofMillis(1500)), // past the 1 s timeout: a read timeout
          new FaultPolicy.SecondaryRateLimit(1),
          new FaultPolicy.TooManyRequests(1),
          new FaultPolicy.RateLimitExhausted(Duration.ofHours(1)),
          new FaultPolicy.LoseResponseAfterApply(),
          new FaultPolicy.MalformedJson(),
          new FaultPolicy.TruncatedJson(),
          new FaultPolicy.HtmlErrorPage(502));

  static Stream<Arguments> scenarios() {
    List<Arguments> all = new ArrayList<>();
    for (Operation operation : Operation.values()) {
      for (String request : operation.requests) {
        for (FaultPolicy fault : FAULTS) {
          all.add(Arguments.of(operation, request, fault));
        }
      }
    }
    return all.stream();
  }

  private static final String BUILD_1 = "https://ci.example.com/builds/1001";
  private static final String BUILD_2 = "https://ci.example.com/builds/1002";

  @ParameterizedTest(name = "{0}: {2} on {1}")
  @MethodSource("scenarios")
  void nothingLostNothingDuplicated(Operation operation, String request, FaultPolicy fault) {
    Map<String, String> version = arrange(operation);
    String[] methodAndPath = request.split(" ");
    hub.inject(Fault.on(methodAndPath[0], "/repos/" + REPO + methodAndPath[1]).policy(fault));

    Run run = act(operation, version);

    if (fault instanceof FaultPolicy.RateLimitExhausted) {
      assertFailedWithOneLine(run, "rate limit exhausted");
      assertThat(run.stderr()).contains("resets at");
      run = act(operation, version); // an hour later: the step is run again
    }
    assertThat(run.exit()).as(run.toString()).isZero();
    assertInvariants(operation, run);
  }

  private Map<String, String> arrange(Operation operation) {
    switch (operation) {
      case CHECK, GET -> {
        int number = open(TITLE);
        close(number);
        return check(trigger(), null).versions().get(0);
      }
      case PUT_COMMENTING -> {
        out(post(), Map.of(), buildAt(1));
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  private Run act(Operation operation, Map<String, String> version) {
    return switch (operation) {
      case CHECK -> check(trigger("timeout", 1), null);
      case GET -> in(trigger("timeout", 1), version, Map.of(), build("42"));
      case PUT_CREATING -> out(post("timeout", 1), Map.of(), buildAt(1));
      case PUT_COMMENTING -> out(post("timeout", 1), Map.of(), buildAt(2));
    };
  }

  private static Map<String, String> buildAt(int n) {
    Map<String, String> env = build(Integer.toString(n));
    env.put("BUILD_URL", "https://ci.example.com/builds/" + (1000 + n));
    return env;
  }

  private void assertInvariants(Operation operation, Run run) {
    List<Issue> open = hub.issues(REPO).stream().filter(Issue::isOpen).toList();
    assertThat(open.stream().map(Issue::title).distinct().count())
        .as("at most one open issue per title")
        .isEqualTo(open.size());
    switch (operation) {
      case CHECK -> assertThat(run.issueNumbers()).containsExactly(1L);
      case GET -> {
        assertThat(hub.issue(REPO, 1).title()).isEqualTo("[CONSUMED #42]" + TITLE);
        assertThat(work.resolve("get/gh_issue.json")).exists();
      }
      case PUT_CREATING -> {
        assertThat(open).hasSize(1);
        assertThat(texts(open.get(0))).filteredOn(t -> t.contains(BUILD_1)).hasSize(1);
      }
      case PUT_COMMENTING -> {
        assertThat(open).hasSize(1);
        assertThat(texts(open.get(0))).filteredOn(t -> t.contains(BUILD_1)).hasSize(1);
        assertThat(texts(open.get(0))).filteredOn(t -> t.contains(BUILD_2)).hasSize(1);
      }
    }
  }

  private static List<String> texts(Issue issue) {
    List<String> texts = new ArrayList<>(List.of(issue.body()));
    issue.comments().forEach(c -> texts.add(c.body()));
    return texts;
  }
}
