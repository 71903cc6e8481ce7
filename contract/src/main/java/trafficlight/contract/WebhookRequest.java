package trafficlight.contract;

import java.util.List;
import java.util.Map;

/**
 * One webhook delivery as a receiver sees it on the wire.
 *
 * @param headers the request headers (names in any case)
 * @param body the raw request body: JSON, or {@code payload=<url-encoded JSON>} for form deliveries
 */
public record WebhookRequest(Map<String, List<String>> headers, String body) {

  public WebhookRequest {
    headers = headers == null ? Map.of() : headers;
  }

  /** The first value of a header, found case-insensitively, or null. */
  public String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null
          && e.getKey().equalsIgnoreCase(name)
          && e.getValue() != null
          && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /** "issues delivery 0b98…", for messages. */
  public String describe() {
    return header("X-GitHub-Event") + " delivery " + header("X-GitHub-Delivery");
  }
}
