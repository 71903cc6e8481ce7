package trafficlight.board.flow;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Flow figures for Prometheus, taken at each scrape from the last figures read (nothing is asked of
 * GitHub for a scrape, so any number of scrapers costs nothing):
 *
 * <ul>
 *   <li>{@code trafficlight_gate_waiting_seconds{project,stage}}: how long each open gate has
 *       waited, as of the scrape;
 *   <li>{@code trafficlight_deploys_total{project,stage}}: the deploys the gate issues record;
 *   <li>{@code trafficlight_gate_wait_seconds{project,stage}}: a histogram of the waits of gates
 *       closed as a go-ahead.
 * </ul>
 *
 * The figures should cover every issue (a window from the epoch), so that the counter and the
 * histogram only grow as issues are added. They are computed from the issues on every read, so
 * replicas of the board export the same values.
 */
public final class FlowMetrics implements MultiCollector {

  /** Upper bounds of the gate-wait buckets: 1 hour, 4 hours, 12 hours, 1, 2, 3, 7 and 14 days. */
  static final double[] WAIT_BOUNDS = {
    Duration.ofHours(1).toSeconds(),
    Duration.ofHours(4).toSeconds(),
    Duration.ofHours(12).toSeconds(),
    Duration.ofDays(1).toSeconds(),
    Duration.ofDays(2).toSeconds(),
    Duration.ofDays(3).toSeconds(),
    Duration.ofDays(7).toSeconds(),
    Duration.ofDays(14).toSeconds(),
    Double.POSITIVE_INFINITY
  };

  private final Supplier<FlowReport> figures;
  private final Clock clock;

  private FlowMetrics(Supplier<FlowReport> figures, Clock clock) {
    this.figures = figures;
    this.clock = clock;
  }

  /**
   * Registers the flow metrics into {@code registry}.
   *
   * @param figures the last figures read, or null before the first read (nothing is exported then)
   */
  public static FlowMetrics register(
      PrometheusRegistry registry, Supplier<FlowReport> figures, Clock clock) {
    FlowMetrics metrics = new FlowMetrics(figures, clock);
    registry.register(metrics);
    return metrics;
  }

  @Override
  public MetricSnapshots collect() {
    GaugeSnapshot.Builder waiting =
        GaugeSnapshot.builder()
            .name("trafficlight_gate_waiting_seconds")
            .help("How long the open gate issue of a stage has waited for a go-ahead");
    CounterSnapshot.Builder deploys =
        CounterSnapshot.builder()
            .name("trafficlight_deploys")
            .help("Deploys the gate issues record, per stage");
    HistogramSnapshot.Builder waits =
        HistogramSnapshot.builder()
            .name("trafficlight_gate_wait_seconds")
            .help("From a gate issue's opening to its close as a go-ahead");
    FlowReport report = figures.get();
    if (report != null) {
      for (ProjectFlow project : report.projects()) {
        for (StageFlow stage : project.stages()) {
          Labels labels = Labels.of("project", project.project(), "stage", stage.stage());
          deploys.dataPoint(
              CounterSnapshot.CounterDataPointSnapshot.builder()
                  .labels(labels)
                  .value(stage.deploys())
                  .build());
          if (stage.waiting() != null) {
            long seconds =
                Math.max(0, Duration.between(stage.waiting().since(), clock.instant()).toSeconds());
            waiting.dataPoint(
                GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(labels)
                    .value(seconds)
                    .build());
          }
          if (!stage.finalStage()) {
            waits.dataPoint(histogram(labels, stage.gateWait()));
          }
        }
      }
    }
    return MetricSnapshots.of(waiting.build(), deploys.build(), waits.build());
  }

  private static HistogramSnapshot.HistogramDataPointSnapshot histogram(
      Labels labels, Distribution waits) {
    long[] counts = new long[WAIT_BOUNDS.length];
    double sum = 0;
    for (long seconds : waits.seconds()) {
      sum += seconds;
      for (int i = 0; i < WAIT_BOUNDS.length; i++) {
        if (seconds <= WAIT_BOUNDS[i]) {
          counts[i]++;
          break;
        }
      }
    }
    return HistogramSnapshot.HistogramDataPointSnapshot.builder()
        .labels(labels)
        .classicHistogramBuckets(ClassicHistogramBuckets.of(WAIT_BOUNDS, counts))
        .sum(sum)
        .build();
  }
}
