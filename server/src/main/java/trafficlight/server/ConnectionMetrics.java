package trafficlight.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * What a server's front turned away, in the server's own Prometheus registry: connections refused
 * (every handler thread busy) or closed because their request did not arrive in time, and requests
 * for a host the server does not serve.
 */
public final class ConnectionMetrics {

  private final Counter dropped;
  private final Counter foreignHost;

  /**
   * @param prefix the server's metric prefix, such as {@code trafficlight_board}
   */
  public ConnectionMetrics(String prefix, PrometheusRegistry registry) {
    dropped =
        Counter.builder()
            .name(prefix + "_connections_dropped_total")
            .help(
                "Connections closed without an answer, by reason: refused (every handler thread"
                    + " busy) or timed_out (the request, headers then body, did not arrive within"
                    + " the time limit)")
            .labelNames("reason")
            .register(registry);
    foreignHost =
        Counter.builder()
            .name(prefix + "_foreign_host_requests_total")
            .help("Requests answered 421 because their Host is not a name this server serves")
            .register(registry);
    dropped.labelValues("refused");
    dropped.labelValues("timed_out");
  }

  void refused() {
    dropped.labelValues("refused").inc();
  }

  void timedOut() {
    dropped.labelValues("timed_out").inc();
  }

  void foreignHost() {
    foreignHost.inc();
  }
}
