package trafficlight.localhub;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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

  /** Query parameters, decoded, in the order given (the first value of each). */
  Map<String, String> params() {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.putIfAbsent(name, value);
    }
    return params;
  }

  String param(String name) {
    return params().get(name);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
