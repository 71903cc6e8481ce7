package trafficlight.contract;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request and the response to it, as seen on the wire.
 *
 * @param method HTTP method, any case ("GET", "patch")
 * @param path the request path without query string; for {@link GitHubContract#enterpriseServer()}
 *     it carries the {@code /api/v3} prefix
 * @param query the raw (still percent-encoded) query string without {@code ?}, or null
 * @param requestHeaders request headers (names in any case), or null
 * @param requestBody the request body as text, or null when there is none
 * @param status the response status code
 * @param responseHeaders response headers (names in any case), or null
 * @param responseBody the response body as text, or null when there is none
 */
public record Exchange(
    String method,
    String path,
    String query,
    Map<String, List<String>> requestHeaders,
    String requestBody,
    int status,
    Map<String, List<String>> responseHeaders,
    String responseBody) {

  public Exchange {
    if (method == null || method.isBlank()) {
      throw new IllegalArgumentException("method is required");
    }
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/': " + path);
    }
    requestHeaders = requestHeaders == null ? Map.of() : requestHeaders;
    responseHeaders = responseHeaders == null ? Map.of() : responseHeaders;
  }

  /** The same exchange with its path under {@code prefix}, e.g. Enterprise Server's /api/v3. */
  public Exchange underPrefix(String prefix) {
    return new Exchange(
        method,
        prefix + path,
        query,
        requestHeaders,
        requestBody,
        status,
        responseHeaders,
        responseBody);
  }

  /** "GET /repos/o/r/issues?state=open -> 200", for messages. */
  public String describe() {
    return method.toUpperCase(Locale.ROOT)
        + " "
        + path
        + (query == null || query.isEmpty() ? "" : "?" + query)
        + " -> "
        + status;
  }
}
