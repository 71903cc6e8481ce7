package trafficlight.github;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;

/** One-line messages, for a person, about what went wrong with a request to GitHub. */
final class FailureMessages {

  private FailureMessages() {}

  /** A 4xx answer, with what the status usually means here. */
  static String explain(HttpResult result) {
    String message = githubMessage(result);
    return switch (result.status()) {
      case 401 ->
          "401 "
              + message
              + ": GitHub rejected the credentials; check access_token (or the GitHub App settings)";
      case 403 ->
          "403 "
              + message
              + ": the credentials lack permission; a token needs the repo scope (public_repo for public repositories), a GitHub App needs Issues: read & write";
      case 404 ->
          "404 " + message + ": no such repository or issue, or the credentials cannot see it";
      case 410 -> "410 " + message + ": issues are disabled in this repository";
      case 422 -> "422 " + message + validationErrors(result);
      default -> result.status() + " " + message;
    };
  }

  /** The {@code message} of GitHub's JSON error body, or what the body was instead. */
  static String githubMessage(HttpResult result) {
    try {
      Object json = GitHubJson.parse(result.body());
      if (json instanceof Map<?, ?> m && m.get("message") instanceof String message) {
        return message;
      }
    } catch (IOException | RuntimeException notJson) {
      // fall through
    }
    return "(no GitHub error message" + snippet(result) + ")";
  }

  private static String validationErrors(HttpResult result) {
    try {
      Object json = GitHubJson.parse(result.body());
      if (json instanceof Map<?, ?> m && m.get("errors") != null) {
        return " " + GitHubJson.write(m.get("errors"));
      }
    } catch (IOException | RuntimeException notJson) {
      // no details
    }
    return "";
  }

  /** What a 5xx answer said, in parentheses. */
  static String summary(HttpResult result) {
    String type = result.header("content-type");
    if (type != null && type.contains("html")) {
      return " (an HTML error page, probably from a proxy)";
    }
    return " (" + githubMessage(result) + ")";
  }

  /** The start of a body, quoted, for a message. */
  static String snippet(HttpResult result) {
    String body = result.body().strip().replaceAll("\\s+", " ");
    if (body.isEmpty()) {
      return ": empty body";
    }
    return ": \"" + (body.length() > 60 ? body.substring(0, 60) + "..." : body) + "\"";
  }

  /** What went wrong on the way, for a person: the host and what happened, no class names. */
  static String describe(URI uri, IOException e) {
    String host = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    if (e instanceof UnknownHostException) {
      return "the host " + uri.getHost() + " is unknown (no DNS record)";
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      String reason = e.getMessage() == null ? "" : e.getMessage();
      reason = reason.substring(reason.lastIndexOf(':') + 1).strip().toLowerCase(Locale.ROOT);
      return "cannot connect to " + host + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
    if (e instanceof InterruptedIOException) { // a read or connect timeout
      return "no answer from " + host + " in time (timed out)";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
