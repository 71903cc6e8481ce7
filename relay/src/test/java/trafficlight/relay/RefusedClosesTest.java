package trafficlight.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.concourse.PipelineRef;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.GateEvent;
import trafficlight.github.Credentials;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.MemoryResponseCache;
import trafficlight.github.RepositoryName;
import trafficlight.github.RetryPolicy;
import trafficlight.localhub.Comment;
import trafficlight.localhub.Fault;
import trafficlight.localhub.FaultPolicy;
import trafficlight.localhub.LocalHub;
import trafficlight.localhub.MovableClock;
import trafficlight.localhub.RecordedRequest;
import trafficlight.localhub.WebhookDelivery;

/**
 * The relay reopens a close that the trigger resource's approvers refuse, with one comment naming
 * the rule, against localhub's webhooks and API with faults: lost responses, redelivery, duplicate
 * deliveries. The routes come from a generated pipeline, as {@code trafficlight relay} reads them.
 */
class RefusedClosesTest {

  static final String REPO = "acme/gates";
  static final String TITLE = "[bot] Concourse shop CI deployed.";
  static final String HOOK_TOKEN = "relay-hook-91c3";
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String REASON =
      "closed by bob, who may not promote to Production (approvers: alice, @acme/release)";

  /** The trigger resource the generator writes for a Production gated by approvers. */
  static final String PIPELINE =
      """
      resources:
      - name: ci-promoted
        type: github-issues
        check_every: 1m
        webhook_token: ((relay_webhook_token))
        source:
          repository: acme/gates
          access_token: ((github.token))
          issue_state: closed
          issue_prefix: "[bot] Concourse shop CI"
          approvers: [alice, "@acme/release"]
      """;

  @TempDir Path dir;
  final List<String> log = new CopyOnWriteArrayList<>();
  final List<GateEvent> events = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();
  LocalHub hub;
  RecordingConcourse concourse;
  GitHubClient github;
  RelayServer relay;
  String relayToken;
  long hook;

  @BeforeEach
  void start() throws Exception {
    hub =
        LocalHub.builder().clock(MovableClock.fixed(Instant.parse("2026-12-01T09:00:00Z"))).start();
    hub.createRepo(REPO);
    hub.addTeamMember("acme", "release", "carol");
    hub.addOrgMember("acme", "relay-bot");
    relayToken = hub.createToken("relay-bot");
    concourse = new RecordingConcourse();
    Path file = dir.resolve("pipeline.yml");
    Files.writeString(file, PIPELINE, StandardCharsets.UTF_8);
    List<Route> routes =
        RouteReader.read(
            "main", PipelineRef.parse("shop"), file, Map.of("relay_webhook_token", HOOK_TOKEN));
    assertThat(routes).singleElement().satisfies(r -> assertThat(r.rule().restricts()).isTrue());
    github =
        new GitHubClient(
            GitHubEndpoint.parse(hub.baseUrl()),
            new Credentials.Token(relayToken),
            Duration.ofSeconds(10),
            RetryPolicy.DEFAULT,
            log::add,
            new MemoryResponseCache(100));
    relay =
        new RelayServer(
            new RelaySettings(
                concourse.url(),
                routes,
                Fixtures.SECRET.getBytes(StandardCharsets.UTF_8),
                InetAddress.getLoopbackAddress(),
                0),
            github,
            events::add,
            log::add);
    relay.start();
    hook =
        hub.createHook(
            REPO,
            "http://127.0.0.1:" + relay.port() + "/github",
            "json",
            Fixtures.SECRET,
            "issues");
  }

  @AfterEach
  void stop() {
    relay.close();
    github.close();
    concourse.close();
    hub.close();
  }

  /** A gate issue as CI's put opens it: its record names the next stage and its approvers. */
  int gate() {
    return gate(List.of(), List.of("alice", "@acme/release"), null);
  }

  /**
   * A gate issue whose record carries {@code commits} and names {@code approvers}, with {@code
   * forbid_self_approval} when {@code forbidSelfApproval} is true.
   */
  int gate(List<DeployRecord.Commit> commits, List<String> approvers, Boolean forbidSelfApproval) {
    DeployRecord record =
        new DeployRecord(
            new DeployRecord.Change("a".repeat(40), "Fix the cart", null, commits),
            new DeployRecord.Build(
                "1",
                "deploy-ci",
                "shop",
                "https://ci.example.com/teams/main/pipelines/shop/jobs/deploy-ci/builds/1"),
            "Production",
            new DeployRecord.Rule(approvers, forbidSelfApproval),
            null);
    return hub.createIssue(
        REPO,
        TITLE,
        "The task deploy-ci has completed." + record.render(),
        List.of("pipeline-workflow", "promotion-to-production"),
        "ci-bot");
  }

  List<Comment> notes(int number) {
    return hub.issue(REPO, number).comments().stream()
        .filter(c -> c.body().contains("trafficlight:refused-close"))
        .toList();
  }

  double reopens(String result) {
    String series = "trafficlight_relay_reopens_total{result=\"" + result + "\"}";
    for (String line : Fixtures.get(relay, "/metrics").body().split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    return 0;
  }

  double looks() {
    return reopens("reopened") + reopens("allowed") + reopens("not_closed") + reopens("failed");
  }

  WebhookDelivery closeDelivery() {
    return hub.deliveries(REPO).stream()
        .filter(d -> "closed".equals(d.action()))
        .findFirst()
        .orElseThrow();
  }

  void redeliver(WebhookDelivery delivery) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    hub.baseUrl()
                        + "/repos/"
                        + REPO
                        + "/hooks/"
                        + hook
                        + "/deliveries/"
                        + delivery.id()
                        + "/attempts"))
            .header("Authorization", "token " + hub.createToken("acme"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(202);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aForgedRecordNamingTheCloserAsAnAuthorDoesNotGetTheirCloseReopened() throws Exception {
    Path file = dir.resolve("self.yml");
    Files.writeString(
        file,
        PIPELINE.replace(
            "approvers: [alice, \"@acme/release\"]",
            "approvers: [alice]\n    forbid_self_approval: true"),
        StandardCharsets.UTF_8);
    List<Route> routes =
        RouteReader.read(
            "main", PipelineRef.parse("shop"), file, Map.of("relay_webhook_token", HOOK_TOKEN));
    DeployRecord.Commit bobs =
        new DeployRecord.Commit("a".repeat(40), "Fix the cart", "bob", "bob");
    int number = gate(List.of(bobs), List.of("alice"), true);
    // mallory's record says alice wrote a change: under forbid_self_approval it would refuse her
    DeployRecord.Commit framed = new DeployRecord.Commit("9".repeat(40), "x", "alice", "alice");
    hub.addComment(
        REPO,
        number,
        "mallory",
        new DeployRecord(
                new DeployRecord.Change("9".repeat(40), "x", null, List.of(framed)),
                new DeployRecord.Build("2", "deploy-ci", "shop", null),
                "Production",
                null,
                null)
            .render());
    hub.closeIssue(REPO, number, "alice");
    RelayMetrics metrics = new RelayMetrics();
    try (RefusedCloses closes = new RefusedCloses(github, metrics, log::add, events::add)) {
      closes.review(routes, number, "d-1");
      await(() -> scrape(metrics).contains("result=\"allowed\"} 1.0"));
    }
    assertThat(hub.issue(REPO, number).isOpen()).isFalse();
    assertThat(notes(number)).isEmpty();
  }

  static String scrape(RelayMetrics metrics) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter.create()
          .write(out, metrics.registry().scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anOutsidersCloseIsReopenedWithOneCommentNamingTheRule() throws Exception {
    int number = gate();
    hub.closeIssue(REPO, number, "bob");

    await(() -> reopens("reopened") == 1);
    assertThat(hub.issue(REPO, number).isOpen()).isTrue();
    assertThat(notes(number))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.user()).isEqualTo("relay-bot");
              assertThat(c.body()).startsWith("Reopened: " + REASON + ". This close is not a go");
            });
    assertThat(log).contains("relay: reopened " + REPO + "#" + number + ": " + REASON);
    // the check is still queued: the trigger resource's own check refuses the close as well
    await(() -> !concourse.calls().isEmpty());
    assertThat(concourse.calls()).hasSize(1);
  }

  @Test
  void theReviewSendsWhatItFindsAsGateEventsAndARefusedCloseOnce() throws Exception {
    Instant first = hub.clock().instant();
    int number = gate();
    GateEvent.Gate gate = eventGate(number);
    hub.closeIssue(REPO, number, "bob");
    await(() -> reopens("reopened") == 1);
    redeliver(closeDelivery());
    await(() -> reopens("not_closed") == 1);
    assertThat(events).containsExactly(new GateEvent.Refused(gate, first, "bob", REASON));

    hub.clock().advance(Duration.ofMinutes(1));
    hub.closeIssue(REPO, number, "carol");
    await(() -> reopens("allowed") == 1);
    // abandoned closes match no route, so only a look at one that turned not planned sees it
    hub.closeIssue(REPO, number, "carol", "not_planned");
    redeliver(closeDelivery());
    await(() -> reopens("not_closed") == 2);

    Instant second = first.plus(Duration.ofMinutes(1));
    assertThat(events)
        .containsExactly(
            new GateEvent.Refused(gate, first, "bob", REASON),
            new GateEvent.Closed(gate, second, "carol"),
            new GateEvent.Abandoned(gate, second, "carol"));
  }

  /** The gate events name: the issue as GitHub's API answers it. */
  GateEvent.Gate eventGate(int number) {
    var issue = github.getIssue(RepositoryName.parse(REPO), number);
    assertThat(issue.htmlUrl()).endsWith("/" + REPO + "/issues/" + number);
    return new GateEvent.Gate(REPO, number, TITLE, issue.htmlUrl());
  }

  @Test
  void lostResponsesRedeliveryAndDuplicatesLeaveExactlyOneCommentAndTheIssueOpen()
      throws Exception {
    int number = gate();
    String issue = "/repos/" + REPO + "/issues/" + number;
    hub.inject(
        Fault.on("POST", issue + "/comments").policy(new FaultPolicy.LoseResponseAfterApply()));
    hub.inject(Fault.on("PATCH", issue).policy(new FaultPolicy.LoseResponseAfterApply()));
    hub.closeIssue(REPO, number, "bob");

    await(() -> reopens("reopened") == 1);
    assertThat(hub.pendingFaults()).isEmpty();
    assertThat(hub.issue(REPO, number).isOpen()).isTrue();
    assertThat(notes(number)).hasSize(1);

    // GitHub's Redeliver (same delivery id) and a duplicate under another id: nothing more
    WebhookDelivery close = closeDelivery();
    redeliver(close);
    Fixtures.send(relay, "issues", UUID.randomUUID().toString(), close.requestBody());
    await(() -> looks() == 3);
    assertThat(reopens("not_closed")).isEqualTo(2);
    assertThat(notes(number)).hasSize(1);
    assertThat(hub.issue(REPO, number).isOpen()).isTrue();
  }

  @Test
  void aReopenThatFailedHalfWayIsFinishedByARedeliveryWithoutASecondComment() throws Exception {
    int number = gate();
    hub.inject(
        Fault.on("PATCH", "/repos/" + REPO + "/issues/" + number)
            .policy(new FaultPolicy.ServerError(502))
            .always());
    hub.closeIssue(REPO, number, "bob");

    await(() -> reopens("failed") == 1);
    assertThat(hub.issue(REPO, number).isOpen()).isFalse();
    assertThat(notes(number)).hasSize(1);
    assertThat(log)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("relay: could not review the close of " + REPO + "#" + number)
                    .endsWith(
                        "redeliver the close from the webhook's Recent Deliveries to try again"));

    hub.clearFaults();
    redeliver(closeDelivery());
    await(() -> reopens("reopened") == 1);
    assertThat(hub.issue(REPO, number).isOpen()).isTrue();
    assertThat(notes(number)).hasSize(1);
  }

  @Test
  void anApproversCloseIsLeftClosedAndASecondRefusedCloseGetsItsOwnComment() throws Exception {
    int number = gate();
    hub.closeIssue(REPO, number, "bob");
    await(() -> reopens("reopened") == 1);
    hub.clock().advance(Duration.ofMinutes(1));
    hub.closeIssue(REPO, number, "bob");
    await(() -> reopens("reopened") == 2);
    assertThat(notes(number)).hasSize(2);

    hub.clock().advance(Duration.ofMinutes(1));
    hub.closeIssue(REPO, number, "carol");
    await(() -> reopens("allowed") == 1);
    assertThat(hub.issue(REPO, number).isOpen()).isFalse();
    assertThat(notes(number)).hasSize(2);
  }

  /**
   * A benchmark, not a timed test: close-to-reopen time of refused closes, as the close's author
   * would see it (localhub's delivery, the relay's reads and writes), and the requests each costs.
   * Runs with {@code -Drelay.reopen=true}: {@code ./mvnw -o -q -pl relay -am verify
   * -Dtest=RefusedClosesTest#closeToReopen -Drelay.reopen=true
   * -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}.
   */
  @Test
  void closeToReopen() throws Exception {
    assumeTrue(Boolean.getBoolean("relay.reopen"), "a benchmark: run with -Drelay.reopen=true");
    int closes = Integer.getInteger("relay.reopen.closes", 50);
    List<Long> times = new ArrayList<>();
    hub.clearRequests();
    for (int i = 0; i < closes; i++) {
      int number = gate();
      long start = System.nanoTime();
      hub.closeIssue(REPO, number, "bob");
      while (!hub.issue(REPO, number).isOpen()) {
        Thread.sleep(2);
      }
      times.add(System.nanoTime() - start);
      assertThat(notes(number)).hasSize(1);
    }
    Collections.sort(times);
    Map<String, Long> requests =
        hub.requests().stream()
            .filter(r -> !"issues/create".equals(r.operation()))
            .collect(Collectors.groupingBy(RecordedRequest::operation, Collectors.counting()));
    System.out.printf(
        Locale.ROOT,
        "refused close to reopen: %d closes, p50 %.0f ms, p99 %.0f ms, max %.0f ms; requests per"
            + " close: %s%n",
        closes,
        times.get((int) ((closes - 1) * 0.50)) / 1e6,
        times.get((int) ((closes - 1) * 0.99)) / 1e6,
        times.get(closes - 1) / 1e6,
        new TreeMap<>(requests)
            .entrySet().stream()
                .map(e -> e.getKey() + " " + (double) e.getValue() / closes)
                .toList());
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as("waited %s", WAIT).isTrue();
  }
}
