package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /repos/{owner}/{repo}} and {@code GET /rate_limit}. */
final class RepoEndpoints {
  private RepoEndpoints() {}

  static ApiResponse get(ApiCall call) {
    RepoState repo = call.repo(false, false);
    return ApiResponse.json(200, call.render.repository(repo, call.principal));
  }

  static ApiResponse rateLimit(ApiCall call, RateLimiter limiter) {
    ObjectNode body = Json.object();
    ObjectNode resources = body.putObject("resources");
    ObjectNode core = rate(limiter.peek(call.principal, RateLimiter.CORE));
    resources.set("core", core);
    resources.set("search", rate(limiter.peek(call.principal, RateLimiter.SEARCH)));
    body.set("rate", core.deepCopy());
    return ApiResponse.json(200, body);
  }

  private static ObjectNode rate(RateLimiter.Status status) {
    ObjectNode n = Json.object();
    n.put("limit", status.limit());
    n.put("used", status.used());
    n.put("remaining", status.remaining());
    n.put("reset", status.resetEpochSeconds());
    return n;
  }
}
