package trafficlight.localhub;

import java.time.Instant;

/** The responses of the {@link FaultPolicy} kinds that answer instead of the endpoint. */
final class FaultResponses {
  static final String SECONDARY_RATE_LIMIT_MESSAGE =
      "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
          + " If you reach out to GitHub Support for help, please include the request ID ";
  private static final String SECONDARY_DOCS =
      "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";

  private FaultResponses() {}

  /** The response replacing the endpoint's, or null for policies that let the request through. */
  static ApiResponse replacement(FaultPolicy policy, ApiRequest request, Instant now) {
    String requestId = GitHubApi.requestId();
    ApiResponse response;
    if (policy instanceof FaultPolicy.ServerError e) {
      response = GitHubErrors.error(e.status(), reason(e.status()), GitHubErrors.REST_DOCS);
    } else if (policy instanceof FaultPolicy.SecondaryRateLimit e) {
      response =
          GitHubErrors.error(403, SECONDARY_RATE_LIMIT_MESSAGE + requestId + ".", SECONDARY_DOCS)
              .header("retry-after", String.valueOf(e.retryAfterSeconds()));
    } else if (policy instanceof FaultPolicy.TooManyRequests e) {
      response =
          GitHubErrors.error(429, SECONDARY_RATE_LIMIT_MESSAGE + requestId + ".", SECONDARY_DOCS)
              .header("retry-after", String.valueOf(e.retryAfterSeconds()));
    } else if (policy instanceof FaultPolicy.RateLimitExhausted e) {
      String who =
          Authenticator.credential(request) == null ? request.clientAddress() : "user ID 1";
      response =
          GitHubErrors.error(
              403,
              "API rate limit exceeded for " + who + ".",
              "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting");
      response.header("x-ratelimit-limit", "5000");
      response.header("x-ratelimit-remaining", "0");
      response.header("x-ratelimit-used", "5000");
      response.header("x-ratelimit-reset", String.valueOf(now.plus(e.resetIn()).getEpochSecond()));
      response.header("x-ratelimit-resource", "core");
    } else if (policy instanceof FaultPolicy.HtmlErrorPage e) {
      String title = e.status() + " " + reason(e.status());
      response =
          new ApiResponse(
                  e.status(),
                  "<html>\r\n<head><title>"
                      + title
                      + "</title></head>\r\n<body>\r\n<center><h1>"
                      + title
                      + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
              .header("content-type", "text/html");
      return response;
    } else {
      return null;
    }
    response.header("x-github-request-id", requestId);
    return response;
  }

  /** The body {@link FaultPolicy.MalformedJson} or {@link FaultPolicy.TruncatedJson} sends. */
  static String corrupt(FaultPolicy policy, String body) {
    if (policy instanceof FaultPolicy.TruncatedJson) {
      return body == null ? "{" : body.substring(0, Math.max(1, body.length() / 2));
    }
    return "{\"message\": \"Server Error\",, <not json>";
  }

  static String reason(int status) {
    return switch (status) {
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Server Error";
    };
  }
}
