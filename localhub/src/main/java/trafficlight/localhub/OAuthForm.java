package trafficlight.localhub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of a request to the OAuth web endpoints, which GitHub takes from the query, a form
 * body or a JSON body alike; and the HTML-escaping and URL-encoding their answers need.
 */
final class OAuthForm {
  private OAuthForm() {}

  static Map<String, String> parameters(String rawQuery, String contentType, String body) {
    Map<String, String> params = decode(rawQuery);
    if (body == null || body.isBlank()) {
      return params;
    }
    if (contentType != null
        && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      try {
        JsonNode json = Json.parse(body);
        json.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
      } catch (JsonProcessingException e) {
        // an unreadable body has no parameters: the caller answers for the missing ones
      }
    } else {
      params.putAll(decode(body));
    }
    return params;
  }

  static Map<String, String> decode(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        params.putIfAbsent(
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed escape: the pair is skipped
      }
    }
    return params;
  }

  static String encode(Map<String, String> params) {
    StringBuilder out = new StringBuilder();
    params.forEach(
        (k, v) -> {
          if (v != null) {
            out.append(out.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
          }
        });
    return out.toString();
  }

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
