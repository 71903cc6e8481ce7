package trafficlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.gate.DeployRecord;
import trafficlight.json.Json;
import trafficlight.localhub.LocalGitRepository;
import trafficlight.localhub.LocalHub;
import trafficlight.localhub.MovableClock;

/** {@code trafficlight stats} against localhub, in-process, with a cache file between runs. */
class StatsCommandTest {

  static final String REPO = "acme/deploy-gates";
  static final String CODE = "acme/myapp";

  @TempDir Path work;
  LocalHub hub;
  String token;
  int qa2;

  @BeforeEach
  void seed() {
    String c1;
    String c2;
    try (LocalGitRepository code = LocalGitRepository.init(work.resolve("code.git"))) {
      c1 = code.commit("main", "Add the cart", "alice", "alice@example.com", Map.of("a", "1"));
      c2 = code.commit("main", "Fix the cart", "bob", "bob@example.com", Map.of("a", "2"));
    }
    hub =
        LocalHub.builder()
            .clock(MovableClock.system())
            .codeRepository(CODE, work.resolve("code.git"))
            .start();
    hub.createRepo(REPO);
    token = hub.createToken("release-bot");
    hub.clock().advance(Duration.ofHours(1));
    int qa = deploy("QA", "promotion-to-production", "1", c1, "Production");
    hub.clock().advance(Duration.ofHours(2));
    hub.closeIssue(REPO, qa, "alice");
    hub.renameIssue(REPO, qa, "[CONSUMED #5]" + hub.issue(REPO, qa).title());
    hub.clock().advance(Duration.ofMinutes(10));
    deploy("Production", "finalized-deployment", "5", c1, null);
    hub.clock().advance(Duration.ofHours(1));
    qa2 = deploy("QA", "promotion-to-production", "2", c2, "Production");
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  int deploy(String stage, String label, String build, String sha, String next) {
    DeployRecord record =
        new DeployRecord(
            new DeployRecord.Change(sha, "a change", CODE, List.of()),
            new DeployRecord.Build(
                build, "deploy-" + stage.toLowerCase(java.util.Locale.ROOT), "myapp", null),
            next,
            null,
            null);
    return hub.createIssue(
        REPO,
        "[bot] Pulumi myapp " + stage + " deployed.",
        "Deployed." + record.render(),
        List.of("pipeline-workflow", label),
        "ci-bot");
  }

  Run run(String... args) {
    StatsCommand command = new StatsCommand();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--gh-host", hub.baseUrl(), "--repository", REPO, "--token", token));
    return Run.inProcess(
        command,
        (out, err) -> {
          command.out = out;
          command.err = err;
        },
        all);
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonInChainOrderAndARepeatedRunCostsOnlyConditionalRequests() throws Exception {
    Path cache = work.resolve("stats-cache.json");
    Run first = run("--json", "--since", "30d", "--cache-file", cache.toString());
    assertThat(first.code()).as(first.err()).isZero();
    Map<String, Object> json = Json.parseObject(first.out());
    List<Map<String, Object>> stages =
        (List<Map<String, Object>>)
            ((List<Map<String, Object>>) json.get("projects")).get(0).get("stages");
    assertThat(stages).extracting(s -> s.get("stage")).containsExactly("QA", "Production");
    assertThat(stages.get(0).get("deploys")).isEqualTo(2);
    assertThat(((Map<String, Object>) stages.get(0).get("gate_wait_seconds")).get("median"))
        .isEqualTo(7200);
    assertThat(((Map<String, Object>) stages.get(0).get("promotion_delay_seconds")).get("median"))
        .isEqualTo(600);
    assertThat(stages.get(0).get("waiting_issue")).isEqualTo(qa2);
    Object lead = ((Map<String, Object>) stages.get(1).get("lead_time_seconds")).get("median");
    // deployed 3h10m after the hub started; the repository stamps its commits a second apart
    // from when it was created, just before
    assertThat((Integer) lead).isBetween(11400 - 5, 11400 + 120);

    hub.clearRequests();
    Run again = run("--json", "--since", "30d", "--cache-file", cache.toString());
    assertThat(again.code()).isZero();
    assertThat(hub.requests())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.status()).as(r.path()).isEqualTo(304));
    assertThat(hub.requests()).noneMatch(r -> r.path().contains("/commits/"));
    Map<String, Object> repeated = Json.parseObject(again.out());
    assertThat(repeated.get("projects")).isEqualTo(json.get("projects"));
  }

  @Test
  void theTableNamesTheOpenGateFirst() {
    Run r = run("--no-cache-file");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Open gates, longest first:\n  myapp QA: waiting 0m since")
        .containsPattern("myapp +QA +2 +0\\.2 +2h 0m / 2h 0m / 2h 0m \\(1\\) +0/0 +10m")
        .containsPattern("myapp +Production +1 +0\\.1 +\\(last stage\\)");
    assertThat(r.out() + r.err()).doesNotContain(token);
  }

  @Test
  void aSpanThatIsNoSpanIsRefusedInOneLine() {
    Run r = run("--since", "last tuesday", "--no-cache-file");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err().strip())
        .isEqualTo(
            "--since \"last tuesday\" is not a span of time: write a positive number and a unit,"
                + " e.g. 30d, 12h, 2w or 45m");
    assertThat(r.out()).isEmpty();
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void anUnknownProjectIsRefusedNamingTheProjects() {
    Run r = run("--project", "nope", "--no-cache-file");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("no project \"nope\"").contains("projects: myapp");
  }
}
