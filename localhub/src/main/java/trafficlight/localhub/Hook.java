package trafficlight.localhub;

import java.time.Instant;
import java.util.List;

/**
 * A repository webhook: where deliveries go ({@code url}), how the payload is sent ({@code
 * contentType} "json" or "form"), the secret that signs them (null: unsigned), the events it
 * subscribes to ("*" for all), the outcome of its last delivery, and, for a hook created through
 * the GitHub Enterprise Server API base ({@code /api/v3}), the host its deliveries name in {@code
 * X-GitHub-Enterprise-Host} (null: a github.com hook).
 */
record Hook(
    long id,
    long repoId,
    String repo,
    String url,
    String contentType,
    String secret,
    List<String> events,
    boolean active,
    Instant createdAt,
    Instant updatedAt,
    Integer lastCode,
    String lastStatus,
    String lastMessage,
    String enterpriseHost) {

  static final String ALL_EVENTS = "*";

  Hook {
    events = List.copyOf(events);
  }

  boolean subscribesTo(String event) {
    return events.contains(event) || events.contains(ALL_EVENTS);
  }

  boolean sendsForm() {
    return "form".equals(contentType);
  }

  Hook withLastResponse(WebhookDelivery delivery) {
    boolean ok = delivery.succeeded();
    return new Hook(
        id,
        repoId,
        repo,
        url,
        contentType,
        secret,
        events,
        active,
        createdAt,
        updatedAt,
        delivery.statusCode() == 0 ? null : delivery.statusCode(),
        ok ? "active" : "failed",
        delivery.status(),
        enterpriseHost);
  }
}
