package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import trafficlight.localhub.Fault;
import trafficlight.localhub.FaultPolicy;
import trafficlight.localhub.Issue;

/**
 * Puts for the same title at once (two pipelines finishing together) end with exactly one open
 * issue that carries every build. Runs the puts on threads, each its own resource and HTTP client.
 */
class RacesTest extends AgainstLocalHub {

  /** Long enough for every put to list and find nothing before the first create lands. */
  Duration raceWindow() {
    return Duration.ofMillis(700);
  }

  void everyCreateWaitsForTheOthers(int puts) {
    hub.inject(
        Fault.on("POST", "/repos/" + REPO + "/issues")
            .times(puts)
            .policy(new FaultPolicy.Delay(raceWindow())));
  }

  List<Run> concurrentPuts(int n) {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(n);
    List<CompletableFuture<Run>> puts = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      Map<String, String> env = build(Integer.toString(i));
      env.put("BUILD_URL", "https://ci.example.com/builds/" + (1000 + i));
      puts.add(
          CompletableFuture.supplyAsync(
              () -> {
                await(start);
                return out(post(), Map.of(), env);
              },
              threads));
    }
    start.countDown();
    try {
      return puts.stream().map(CompletableFuture::join).toList();
    } finally {
      threads.shutdown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void assertOneOpenIssueCarriesEveryBuild(List<Issue> issues, int builds) {
    List<Issue> open = issues.stream().filter(Issue::isOpen).toList();
    assertThat(open).as("open issues").hasSize(1);
    Issue keeper = open.get(0);
    List<String> texts =
        Stream.concat(Stream.of(keeper.body()), keeper.comments().stream().map(c -> c.body()))
            .toList();
    for (int i = 1; i <= builds; i++) {
      String url = "https://ci.example.com/builds/" + (1000 + i) + ")";
      assertThat(texts).as("build " + i).filteredOn(t -> t.contains(url)).hasSize(1);
    }
    assertThat(issues.stream().filter(i -> !i.isOpen()))
        .allSatisfy(
            duplicate -> {
              assertThat(duplicate.stateReason()).isEqualTo("duplicate");
              assertThat(duplicate.number()).isGreaterThan(keeper.number());
            });
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 5, 20})
  void concurrentPutsLeaveOneOpenIssueWithEveryBuild(int n) {
    everyCreateWaitsForTheOthers(n);

    List<Run> runs = concurrentPuts(n);

    assertThat(runs).allSatisfy(run -> assertThat(run.exit()).as(run.toString()).isZero());
    assertOneOpenIssueCarriesEveryBuild(hub.issues(REPO), n);
    assertThat(hub.requestCount("issues/create")).as("the race did happen").isGreaterThan(1);
    long keeper =
        hub.issues(REPO).stream().filter(Issue::isOpen).findFirst().orElseThrow().number();
    assertThat(runs)
        .allSatisfy(
            run -> assertThat(run.version().get("issue_number")).isEqualTo(Long.toString(keeper)));
  }

  @Test
  void aYoungDuplicateIsLeftToThePutThatCreatedIt() {
    int first = open(TITLE, "pipeline-workflow", "promotion-to-production");
    int young = open(TITLE, "pipeline-workflow", "promotion-to-production");

    Run run = out(post(), Map.of(), build("9"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(hub.issue(REPO, young).state()).isEqualTo("open");
    assertThat(hub.issue(REPO, first).comments()).hasSize(1);
  }

  @Test
  void anIssueClosedAsADuplicateNeverTriggers() {
    everyCreateWaitsForTheOthers(2);
    concurrentPuts(2);
    tick();

    Run check = check(trigger(), null);

    assertThat(hub.issues(REPO).stream().filter(i -> !i.isOpen())).hasSize(1);
    assertThat(check.versions()).isEmpty();
  }

  @Test
  void aPutMergesStrayDuplicatesLeftByAnEarlierLateCreate() {
    hub.clock().set(startedAt.minus(Duration.ofMinutes(30))); // both were opened half an hour ago
    int first = open(TITLE, "pipeline-workflow", "promotion-to-production");
    int stray = open(TITLE, "pipeline-workflow", "promotion-to-production");
    hub.clock().set(startedAt);

    Run run = out(post(), Map.of(), build("9"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(hub.issue(REPO, stray).state()).isEqualTo("closed");
    assertThat(hub.issue(REPO, stray).stateReason()).isEqualTo("duplicate");
    assertThat(hub.issue(REPO, stray).comments())
        .extracting(c -> c.body())
        .containsExactly("Duplicate of #" + first);
    assertThat(hub.issue(REPO, first).comments())
        .extracting(c -> c.body())
        .hasSize(2)
        .first()
        .isEqualTo("body");
  }
}
