package trafficlight.localhub;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the hub received on its GitHub API, and what it answered. {@code status} is 0 and the
 * response fields are empty when the connection was dropped without a response. {@code operation}
 * is GitHub's operationId ("issues/create", ...) or null for an unknown path. {@code fault} is the
 * injected fault that shaped the exchange, or null.
 */
public record RecordedRequest(
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    String body,
    int status,
    Map<String, String> responseHeaders,
    String responseBody,
    String operation,
    FaultPolicy fault,
    Instant time) {

  /** A request header (first value, case-insensitive name), or null. */
  public String header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0))
        .findFirst()
        .orElse(null);
  }

  /** A response header (case-insensitive name), or null. */
  public String responseHeader(String name) {
    return responseHeaders.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }
}
