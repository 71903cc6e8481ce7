package trafficlight.board.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trafficlight.board.DeployedGates;
import trafficlight.github.GitHubClient;
import trafficlight.github.MemoryResponseCache;
import trafficlight.json.Json;

/**
 * Flow figures of gate issues the real resource wrote in localhub, read over real sockets: two QA
 * deploys of recorded commits, a close, the consuming get, a Production deploy and a third QA
 * deploy.
 */
class FlowStatsTest {

  FlowGates flow;
  Instant firstQa;
  Instant closedAt;
  Instant productionAt;
  String c1;
  String c2;
  String c3;
  int qa;
  int qa2;

  @BeforeEach
  void deploy() {
    flow = new FlowGates();
    Instant t0 = flow.now();
    c1 = flow.commit("Add the cart", t0.minus(Duration.ofDays(2)));
    c2 = flow.commit("Fix the cart total", t0.minus(Duration.ofDays(1)));
    c3 = flow.commit("Search the shop", t0.minus(Duration.ofHours(12)));
    firstQa = flow.now();
    qa = flow.gates.deploy("myapp", "QA", "1", c1, "Add the cart");
    flow.advance(Duration.ofHours(1));
    flow.gates.deploy("myapp", "QA", "2", c2, "Fix the cart total");
    flow.advance(Duration.ofHours(3));
    flow.gates.hub.closeIssue(DeployedGates.REPO, qa, "alice");
    closedAt = flow.now();
    flow.advance(Duration.ofMinutes(20));
    flow.gates.promote("myapp", "QA", "1");
    flow.advance(Duration.ofMinutes(10));
    productionAt = flow.now();
    flow.gates.deploy("myapp", "Production", "1", c2, "Fix the cart total");
    flow.advance(Duration.ofHours(1));
    qa2 = flow.gates.deploy("myapp", "QA", "3", c3, "Search the shop");
    flow.advance(Duration.ofHours(2));
  }

  @AfterEach
  void stop() {
    flow.close();
  }

  @Test
  void statsJsonCountsQaDeploysTheRealGateWaitAndProductionLeadTime() throws Exception {
    try (GitHubClient github = flow.client(new MemoryResponseCache(1000))) {
      FlowReport report = flow.reader(github).read(Duration.ofDays(30));
      Map<String, Object> json = Json.parseObject(FlowJson.write(report, false));

      Map<String, Object> myapp = project(json, "myapp");
      List<String> names = stages(myapp).stream().map(s -> (String) s.get("stage")).toList();
      assertThat(names).containsExactly("QA", "Production");
      Map<String, Object> qaStage = stage(myapp, "QA");
      assertThat(qaStage.get("deploys")).isEqualTo(3);
      long realWait = Duration.between(firstQa, closedAt).toSeconds();
      assertThat(number(qaStage, "gate_wait_seconds", "median")).isGreaterThanOrEqualTo(realWait);
      assertThat(number(qaStage, "gate_wait_seconds", "max")).isEqualTo(realWait);
      assertThat(number(qaStage, "promotion_delay_seconds", "median"))
          .isEqualTo(Duration.between(closedAt, productionAt).toSeconds());
      // the third QA deploy waits at an open gate
      assertThat(qaStage.get("waiting_issue")).isEqualTo(qa2);
      assertThat(((Number) qaStage.get("waiting_seconds")).longValue())
          .isEqualTo(Duration.ofHours(2).toSeconds());
      assertThat(number(qaStage, "lead_time_seconds", "median")).isPositive();

      Map<String, Object> production = stage(myapp, "Production");
      assertThat(production.get("deploys")).isEqualTo(1);
      assertThat(number(production, "lead_time_seconds", "median"))
          .isGreaterThanOrEqualTo(Duration.between(flowAuthored(c2), productionAt).toSeconds());
      assertThat(production.get("gate_wait_seconds")).isNull(); // the last stage has no gate
      assertThat(production.get("waiting_since")).isNull();
    }
  }

  @Test
  void aRepeatedReadReadsNoCommentsAgainAndANewReaderCostsOnlyConditionalRequests() {
    MemoryResponseCache cache = new MemoryResponseCache(1000);
    try (GitHubClient github = flow.client(cache)) {
      FlowReader reader = flow.reader(github);
      flow.gates.hub.clearRequests();
      reader.read(Duration.ofDays(30));
      int commentReads = flow.gates.hub.requestCount("issues/list-comments");
      assertThat(commentReads).isEqualTo(1); // QA's first issue; the others have no comments

      flow.gates.hub.clearRequests();
      reader.read(Duration.ofDays(30));
      assertThat(flow.gates.hub.requestCount("issues/list-comments")).isZero();

      flow.gates.hub.clearRequests();
      flow.reader(github).read(Duration.ofDays(30));
      assertThat(flow.gates.hub.requests())
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.status()).isEqualTo(304));
    }
  }

  @Test
  void olderIssuesCountForDeploysAndWaitsNotLeadTimeAndSkewIsLeftOutNeverNegative()
      throws Exception {
    // mitodl's shape: a build log link, no record
    int old =
        flow.gates.hub.createIssue(
            DeployedGates.REPO,
            "[bot] Pulumi billing applications.billing.QA deployed.",
            "The task deploy-qa in pipeline billing has completed build number 41.\nPlease refer to"
                + " [the build log](https://ci.example.com/teams/main/pipelines/billing/jobs/"
                + "deploy-qa/builds/41) for details.\n",
            List.of("pipeline-workflow", "promotion-to-production"),
            "ci-bot");
    flow.advance(Duration.ofHours(5));
    flow.gates.hub.closeIssue(DeployedGates.REPO, old, "alice");
    // a commit whose author clock runs a day ahead of the deploy's
    String ahead = flow.commit("From the future", flow.now().plus(Duration.ofDays(1)));
    flow.gates.deploy("myapp", "QA", "4", ahead, "From the future");

    try (GitHubClient github = flow.client(new MemoryResponseCache(1000))) {
      FlowReport report = flow.reader(github).read(Duration.ofDays(30));
      Map<String, Object> json = Json.parseObject(FlowJson.write(report, false));

      Map<String, Object> billing = stage(project(json, "billing"), "QA");
      assertThat(billing.get("deploys")).isEqualTo(1);
      assertThat(number(billing, "gate_wait_seconds", "max"))
          .isEqualTo(Duration.ofHours(5).toSeconds());
      assertThat(leftOut(billing, "without_commit")).isEqualTo(1);
      assertThat(((Map<?, ?>) billing.get("lead_time_seconds")).get("median")).isNull();
      assertThat(json.get("note")).asString().startsWith("1 deploys record no commit");

      Map<String, Object> qaStage = stage(project(json, "myapp"), "QA");
      assertThat(leftOut(qaStage, "clock_skew")).isEqualTo(1);
      assertThat(number(qaStage, "lead_time_seconds", "median")).isNotNegative();
      assertThat(FlowTable.render(report))
          .contains("Open gates, longest first:")
          .contains("billing")
          .contains("1 deploy records no commit")
          .contains("Left out of lead time: 1 commit authored after its deploy");

      // a window after everything: no deploys, no figures, nothing divided by zero
      flow.advance(Duration.ofHours(1));
      FlowReport empty = flow.reader(github).read(Duration.ofMinutes(30));
      StageFlow quiet = empty.project("myapp").orElseThrow().stages().get(0);
      assertThat(quiet.deploys()).isZero();
      assertThat(quiet.deploysPerWeek()).isZero();
      assertThat(quiet.gateWait().median()).isNull();
      assertThat(quiet.waiting().seconds()).isPositive(); // still open: it waits regardless
      assertThat(FlowJson.write(empty, false)).contains("\"median\":null");
    }
  }

  @SuppressWarnings("unchecked")
  static int leftOut(Map<String, Object> stage, String why) {
    return ((Number) ((Map<String, Object>) stage.get("lead_time_left_out")).get(why)).intValue();
  }

  private Instant flowAuthored(String sha) {
    try (GitHubClient github = flow.client(null)) {
      return CommitTimes.of(github).authoredAt(FlowGates.CODE, sha).orElseThrow();
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> project(Map<String, Object> json, String name) {
    return ((List<Map<String, Object>>) json.get("projects"))
        .stream().filter(p -> name.equals(p.get("project"))).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> stages(Map<String, Object> project) {
    return (List<Map<String, Object>>) project.get("stages");
  }

  static Map<String, Object> stage(Map<String, Object> project, String name) {
    return stages(project).stream()
        .filter(s -> name.equals(s.get("stage")))
        .findFirst()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  static long number(Map<String, Object> stage, String figure, String field) {
    Object value = ((Map<String, Object>) stage.get(figure)).get(field);
    assertThat(value).as(figure + "." + field).isNotNull();
    return ((Number) value).longValue();
  }
}
