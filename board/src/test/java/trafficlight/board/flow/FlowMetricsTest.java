package trafficlight.board.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowMetricsTest {

  static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

  static StageFlow stage(String name, boolean last, List<Long> waits, StageFlow.OpenGate open) {
    return new StageFlow(
        name,
        "applications.myapp." + name,
        last,
        4,
        1.0,
        new Distribution(waits),
        0,
        0,
        Distribution.EMPTY,
        Distribution.EMPTY,
        StageFlow.LeftOut.NONE,
        open);
  }

  String scrape(FlowReport report, Clock clock) throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    FlowMetrics.register(registry, () -> report, clock);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void openGatesWaitAsOfTheScrapeDeploysCountAndWaitsFallInBuckets() throws Exception {
    StageFlow.OpenGate open = new StageFlow.OpenGate(7, null, NOW.minus(Duration.ofDays(4)), 0, 2);
    FlowReport report =
        new FlowReport(
            "acme/gates",
            Instant.EPOCH,
            NOW,
            List.of(
                new ProjectFlow(
                    "myapp",
                    List.of(
                        stage("QA", false, List.of(1800L, 5 * 3600L, 5 * 86400L), open),
                        stage("Production", true, List.of(), null)))));

    String text = scrape(report, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));

    assertThat(text)
        .contains(
            "trafficlight_gate_waiting_seconds{project=\"myapp\",stage=\"QA\"} "
                + (4 * 86400 + 60)
                + ".0")
        .doesNotContain("trafficlight_gate_waiting_seconds{project=\"myapp\",stage=\"Production\"")
        .contains("trafficlight_deploys_total{project=\"myapp\",stage=\"QA\"} 4.0")
        .contains("trafficlight_deploys_total{project=\"myapp\",stage=\"Production\"} 4.0")
        .contains(
            "trafficlight_gate_wait_seconds_bucket{project=\"myapp\",stage=\"QA\",le=\"3600.0\"} 1")
        .contains(
            "trafficlight_gate_wait_seconds_bucket{project=\"myapp\",stage=\"QA\",le=\"43200.0\"} 2")
        .contains(
            "trafficlight_gate_wait_seconds_bucket{project=\"myapp\",stage=\"QA\",le=\"259200.0\"} 2")
        .contains(
            "trafficlight_gate_wait_seconds_bucket{project=\"myapp\",stage=\"QA\",le=\"604800.0\"} 3")
        .contains("trafficlight_gate_wait_seconds_count{project=\"myapp\",stage=\"QA\"} 3");
  }

  @Test
  void beforeTheFirstReadNothingIsExported() throws Exception {
    String text = scrape(null, Clock.systemUTC());
    assertThat(text).doesNotContain("project=");
  }
}
