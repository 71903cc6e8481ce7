package trafficlight.relay;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import trafficlight.server.ConnectionMetrics;

/**
 * The relay's metrics, in Prometheus' text format. Labels hold only what the relay chose or GitHub
 * signed (event names, actions, results), never a token or the secret; an unsigned delivery's event
 * and action are counted as {@code -}.
 */
final class RelayMetrics {

  static final String UNKNOWN = "-";

  private final PrometheusRegistry registry = new PrometheusRegistry();

  /** Connections the relay's front refused or timed out, and requests for a foreign host. */
  final ConnectionMetrics connections = new ConnectionMetrics("trafficlight_relay", registry);

  private final Counter deliveries =
      Counter.builder()
          .name("trafficlight_relay_deliveries_total")
          .help("Deliveries received, by event, action and what the relay did with them")
          .labelNames("event", "action", "result")
          .register(registry);

  private final Counter forwards =
      Counter.builder()
          .name("trafficlight_relay_forwards_total")
          .help("Calls of Concourse check webhooks, by result")
          .labelNames("result")
          .register(registry);

  private final Counter reopens =
      Counter.builder()
          .name("trafficlight_relay_reopens_total")
          .help(
              "Closes of guarded gate issues looked at, by result: reopened, allowed, not_closed,"
                  + " failed")
          .labelNames("result")
          .register(registry);

  private final Gauge retriesPending =
      Gauge.builder()
          .name("trafficlight_relay_retries_pending")
          .help("Forwards waiting to be tried again after Concourse failed or was unreachable")
          .register(registry);

  private final Histogram responseSeconds =
      Histogram.builder()
          .name("trafficlight_relay_response_seconds")
          .help("Time to answer a delivery on POST /github")
          .classicOnly()
          .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5)
          .register(registry);

  void delivery(String event, String action, String result) {
    deliveries.labelValues(event, action, result).inc();
  }

  void forward(String result) {
    forwards.labelValues(result).inc();
  }

  void reopen(String result) {
    reopens.labelValues(result).inc();
  }

  void retryScheduled() {
    retriesPending.inc();
  }

  void retryStarted() {
    retriesPending.dec();
  }

  void responded(long nanos) {
    responseSeconds.observe(nanos / 1e9);
  }

  PrometheusRegistry registry() {
    return registry;
  }
}
