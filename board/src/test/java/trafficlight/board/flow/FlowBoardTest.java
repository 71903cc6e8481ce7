package trafficlight.board.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trafficlight.board.DeployedGates;
import trafficlight.board.web.BoardServer;

/** The board's /metrics and flow view over gates the real resource wrote, over real sockets. */
class FlowBoardTest {

  @AutoClose FlowGates flow;
  BoardServer server;
  int openQa;

  @BeforeEach
  void start() throws Exception {
    flow = new FlowGates();
    Instant t0 = flow.now();
    String c1 = flow.commit("Add the cart", t0.minus(Duration.ofDays(2)));
    String c2 = flow.commit("Fix the cart total", t0.minus(Duration.ofDays(1)));
    int qa = flow.gates.deploy("myapp", "QA", "1", c1, "Add the cart");
    flow.advance(Duration.ofHours(1));
    flow.gates.deploy("myapp", "QA", "2", c2, "Fix the cart total");
    flow.advance(Duration.ofHours(3));
    flow.gates.hub.closeIssue(DeployedGates.REPO, qa, "alice");
    flow.advance(Duration.ofMinutes(20));
    flow.gates.promote("myapp", "QA", "1");
    flow.advance(Duration.ofMinutes(10));
    flow.gates.deploy("myapp", "Production", "1", c2, "Fix the cart total");
    flow.advance(Duration.ofHours(1));
    String c3 = flow.commit("Search the shop", flow.now().minus(Duration.ofHours(6)));
    openQa = flow.gates.deploy("myapp", "QA", "3", c3, "Search the shop");
    flow.advance(Duration.ofDays(4));

    server = flow.startBoard();
  }

  HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsExportTheOpenQaGatesWaitDeploysAndAWaitHistogram() throws Exception {
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    long fourDays = Duration.ofDays(4).toSeconds();
    assertThat(metrics.body())
        .contains("trafficlight_deploys_total{project=\"myapp\",stage=\"QA\"} 3.0")
        .contains("trafficlight_deploys_total{project=\"myapp\",stage=\"Production\"} 1.0")
        .contains("trafficlight_gate_wait_seconds_count{project=\"myapp\",stage=\"QA\"} 1")
        .doesNotContain("trafficlight_gate_waiting_seconds{project=\"myapp\",stage=\"Production\"");
    Matcher m =
        Pattern.compile(
                "trafficlight_gate_waiting_seconds\\{project=\"myapp\",stage=\"QA\"} (\\d+)\\.0")
            .matcher(metrics.body());
    assertThat(m.find()).isTrue();
    assertThat(Long.parseLong(m.group(1))).isGreaterThanOrEqualTo(fourDays);
  }

  @Test
  void theFlowPageNamesTheStuckGateBeforeItsChart() throws Exception {
    HttpResponse<String> page = get("/flow?project=myapp");
    assertThat(page.statusCode()).isEqualTo(200);
    String html = page.body();
    assertThat(html)
        .contains("<li class=\"stuck\" data-stage=\"QA\">QA: waiting 4d 0h (stuck)")
        .contains("#" + openQa)
        .contains("<svg")
        .doesNotContain("<script");
    assertThat(html.indexOf("id=\"stuck\"")).isLessThan(html.indexOf("id=\"chart\""));
    assertThat(get("/flow?project=nope").statusCode()).isEqualTo(404);
    assertThat(get("/flow.css").body()).contains("#stuck");
  }
}
