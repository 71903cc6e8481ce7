package trafficlight.server;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** {@code GET /metrics}: a registry in Prometheus' text format. */
public final class MetricsPage {

  private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

  private MetricsPage() {}

  public static void send(HttpExchange exchange, PrometheusRegistry registry) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WRITER.write(out, registry.scrape());
    exchange.getResponseHeaders().set("Content-Type", WRITER.getContentType());
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(200, head ? -1 : out.size());
    if (!head) {
      try (OutputStream body = exchange.getResponseBody()) {
        out.writeTo(body);
      }
    }
  }
}
