package trafficlight.localhub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Hooks and deliveries in the shapes of GitHub's REST API ({@code hook}, {@code
 * hook-delivery-item}, {@code hook-delivery}). A hook's secret is never shown, only that it has one
 * ({@code ********}).
 */
final class HookJson {
  static final String MASKED_SECRET = "********";

  private HookJson() {}

  static String hookUrl(String apiBase, Hook hook) {
    return apiBase + "/repos/" + hook.repo() + "/hooks/" + hook.id();
  }

  static ObjectNode hook(String apiBase, Hook hook) {
    String url = hookUrl(apiBase, hook);
    ObjectNode n = Json.object();
    n.put("type", "Repository");
    n.put("id", hook.id());
    n.put("name", "web");
    n.put("active", hook.active());
    hook.events().forEach(n.putArray("events")::add);
    ObjectNode config = n.putObject("config");
    config.put("content_type", hook.contentType());
    config.put("insecure_ssl", "0");
    config.put("url", hook.url());
    if (hook.secret() != null && !hook.secret().isEmpty()) {
      config.put("secret", MASKED_SECRET);
    }
    n.put("updated_at", Json.timestamp(hook.updatedAt()));
    n.put("created_at", Json.timestamp(hook.createdAt()));
    n.put("url", url);
    n.put("test_url", url + "/test");
    n.put("ping_url", url + "/pings");
    n.put("deliveries_url", url + "/deliveries");
    ObjectNode last = n.putObject("last_response");
    if (hook.lastCode() == null) {
      last.putNull("code");
    } else {
      last.put("code", hook.lastCode());
    }
    last.put("status", hook.lastStatus() == null ? "unused" : hook.lastStatus());
    last.put("message", hook.lastMessage());
    return n;
  }

  static ObjectNode deliveryItem(WebhookDelivery d) {
    ObjectNode n = Json.object();
    n.put("id", d.id());
    n.put("guid", d.guid());
    n.put("delivered_at", Json.timestamp(d.deliveredAt()));
    n.put("redelivery", d.redelivery());
    n.put("duration", d.duration().toNanos() / 1e9);
    n.put("status", d.status());
    n.put("status_code", d.statusCode());
    n.put("event", d.event());
    n.put("action", d.action());
    n.putNull("installation_id");
    n.put("repository_id", d.repositoryId());
    n.putNull("throttled_at");
    return n;
  }

  static ObjectNode delivery(WebhookDelivery d) {
    ObjectNode n = deliveryItem(d);
    n.put("url", d.url());
    ObjectNode request = n.putObject("request");
    request.set("headers", headers(d.requestHeaders()));
    request.set("payload", parse(d.payload()));
    ObjectNode response = n.putObject("response");
    response.set("headers", headers(d.responseHeaders()));
    response.put("payload", d.responseBody());
    return n;
  }

  private static ObjectNode headers(Map<String, String> headers) {
    ObjectNode n = Json.object();
    headers.forEach(n::put);
    return n;
  }

  private static JsonNode parse(String payload) {
    try {
      return Json.parse(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored payload is not JSON", e);
    }
  }
}
