package trafficlight.localhub;

import java.util.List;
import java.util.Map;

/**
 * A request to the GitHub API as the handlers see it: {@code path} without the {@code /api/v3}
 * prefix, and {@code apiBase} the base URL the client used (with the prefix when it used it).
 */
record ApiRequest(
    String method,
    String path,
    String rawQuery,
    Map<String, List<String>> headers,
    String body,
    String apiBase,
    String webBase,
    String clientAddress) {

  String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /**
   * Query parameters, decoded, in the order given (the first value of each); a pair with a
   * malformed escape is skipped.
   */
  Map<String, String> params() {
    return OAuthForm.decode(rawQuery);
  }

  String param(String name) {
    return params().get(name);
  }
}
