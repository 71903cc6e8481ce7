package trafficlight.board.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.TitleFormat;
import trafficlight.github.Credentials;
import trafficlight.github.FileResponseCache;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.RepositoryName;
import trafficlight.github.ResponseCache;
import trafficlight.github.RetryPolicy;
import trafficlight.localhub.LocalGitRepository;
import trafficlight.localhub.LocalHub;
import trafficlight.localhub.MovableClock;
import trafficlight.localhub.RecordedRequest;

/**
 * A benchmark, not a timed test: what {@code trafficlight stats} costs over 1,000 gate issues in
 * localhub (10 projects, QA and Production; each issue two deploys of recorded commits, one in its
 * body and one in a comment, closed and consumed), as requests by kind and wall time: a first run,
 * a repeated run in a new process with the cache file, and a board refresh. Asserts only that the
 * repeated run and the refresh cost no comment read and no commit read. Runs with {@code
 * -Dflow.bench=true}: {@code ./mvnw -o -q -pl board -am verify -Dtest=FlowStatsBenchmark
 * -Dflow.bench=true -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}.
 */
class FlowStatsBenchmark {

  static final String REPO = "acme/deploy-gates";
  static final String CODE = "acme/app";
  static final Instant T0 = Instant.parse("2026-10-01T08:00:00Z");

  @TempDir Path dir;

  @Test
  void statsOverAThousandGateIssues() throws Exception {
    assumeTrue(Boolean.getBoolean("flow.bench"), "a benchmark: run with -Dflow.bench=true");
    int issues = Integer.getInteger("flow.bench.issues", 1000);
    List<String> commits = new ArrayList<>();
    try (LocalGitRepository code = LocalGitRepository.init(dir.resolve("code.git"))) {
      for (int i = 0; i < issues; i++) {
        commits.add(
            code.commit("main", "Change " + i, "alice", "alice@example.com", Map.of("f", "" + i)));
      }
    }
    MovableClock clock = MovableClock.fixed(T0);
    try (LocalHub hub =
        LocalHub.builder().clock(clock).codeRepository(CODE, dir.resolve("code.git")).start()) {
      hub.createRepo(REPO);
      String token = hub.createToken("stats-bot");
      seed(hub, clock, issues, commits);
      Path cacheFile = dir.resolve("stats-cache.json");

      hub.clearRequests();
      long start = System.nanoTime();
      FlowReport first;
      FileResponseCache cache = cache(cacheFile);
      FlowReader reader;
      GitHubClient github = client(hub, token, cache);
      reader =
          new FlowReader(github, RepositoryName.parse(REPO), TitleFormat.defaultFormat(), clock);
      first = reader.read(Duration.ofDays(90));
      cache.save();
      report("first run", hub.requests(), System.nanoTime() - start);
      assertThat(first.projects()).hasSize(10);

      reader.read(Duration.ofDays(90)); // settles the listing's since= URL, as the board's does
      hub.clearRequests();
      start = System.nanoTime();
      reader.read(Duration.ofDays(90));
      report("board refresh, nothing changed", hub.requests(), System.nanoTime() - start);
      assertThat(hub.requests())
          .noneMatch(r -> r.path().contains("/comments") || r.path().contains("/commits/"));
      github.close();

      hub.clearRequests();
      start = System.nanoTime();
      try (GitHubClient again = client(hub, token, cache(cacheFile))) {
        FlowReport repeated =
            new FlowReader(again, RepositoryName.parse(REPO), TitleFormat.defaultFormat(), clock)
                .read(Duration.ofDays(90));
        report("repeated run (new process, cache file)", hub.requests(), System.nanoTime() - start);
        assertThat(hub.requests()).allMatch(r -> r.status() == 304);
        assertThat(FlowJson.write(repeated, false)).isEqualTo(FlowJson.write(first, false));
      }
      System.out.printf(Locale.ROOT, "cache file: %,d bytes%n", Files.size(cacheFile));
    }
  }

  private static void seed(LocalHub hub, MovableClock clock, int issues, List<String> commits) {
    for (int i = 0; i < issues; i++) {
      String project = "app" + (i % 10);
      boolean qa = (i / 10) % 2 == 0;
      String stage = qa ? "QA" : "Production";
      String sha = commits.get(i);
      String previous = commits.get(Math.max(0, i - 1));
      int number =
          hub.createIssue(
              REPO,
              "[bot] Pulumi " + project + " " + stage + " deployed.",
              "Deployed." + record(previous, stage, "" + (2 * i), qa).render(),
              List.of("pipeline-workflow", qa ? "promotion-to-production" : "finalized-deployment"),
              "ci-bot");
      clock.advance(Duration.ofMinutes(20));
      hub.addComment(
          REPO, number, "ci-bot", "Deployed." + record(sha, stage, "" + (2 * i + 1), qa).render());
      clock.advance(Duration.ofMinutes(40));
      if (qa) {
        hub.closeIssue(REPO, number, "alice");
        hub.renameIssue(REPO, number, "[CONSUMED #" + i + "]" + hub.issue(REPO, number).title());
      }
      clock.advance(Duration.ofMinutes(60));
    }
  }

  private static DeployRecord record(String sha, String stage, String build, boolean qa) {
    return new DeployRecord(
        new DeployRecord.Change(sha, "a change", CODE, List.of()),
        new DeployRecord.Build(build, "deploy-" + stage.toLowerCase(Locale.ROOT), "app", null),
        qa ? "Production" : null,
        null,
        null);
  }

  private static FileResponseCache cache(Path file) {
    return FileResponseCache.load(file, "bench", new FileResponseCache.Limits(20_000, 64L << 20));
  }

  private static GitHubClient client(LocalHub hub, String token, ResponseCache cache) {
    return new GitHubClient(
        GitHubEndpoint.parse(hub.baseUrl()),
        new Credentials.Token(token),
        Duration.ofSeconds(30),
        RetryPolicy.DEFAULT,
        m -> {},
        cache);
  }

  private static void report(String what, List<RecordedRequest> requests, long nanos) {
    Map<String, int[]> byKind = new TreeMap<>();
    for (RecordedRequest r : requests) {
      int[] counts = byKind.computeIfAbsent(String.valueOf(r.operation()), k -> new int[2]);
      counts[r.status() == 304 ? 1 : 0]++;
    }
    StringBuilder kinds = new StringBuilder();
    byKind.forEach(
        (k, c) ->
            kinds.append(String.format(Locale.ROOT, " %s %d (304: %d);", k, c[0] + c[1], c[1])));
    System.out.printf(
        Locale.ROOT,
        "FLOWBENCH %s: %d requests, %.2f s:%s%n",
        what,
        requests.size(),
        nanos / 1e9,
        kinds);
  }
}
