package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /user}: the user a token acts for (the {@code public-user} shape plus the private
 * counts GitHub adds for the user themself). Anonymous requests get 401, installation tokens 403,
 * as on GitHub.
 */
final class UserEndpoint {
  private UserEndpoint() {}

  static ApiResponse authenticated(ApiCall call) {
    if (call.principal instanceof Principal.Anonymous) {
      throw new ApiException(GitHubErrors.requiresAuthentication());
    }
    if (!(call.principal instanceof Principal.UserToken user)) {
      throw new ApiException(GitHubErrors.notAccessibleByIntegration());
    }
    ObjectNode n = call.render.user(user.user().login());
    n.put("user_view_type", "private");
    n.putNull("name");
    n.putNull("company");
    n.put("blog", "");
    n.putNull("location");
    n.putNull("email");
    n.putNull("hireable");
    n.putNull("bio");
    n.putNull("twitter_username");
    Json.putZeros(n, "public_repos", "public_gists", "followers", "following");
    String created = Json.timestamp(call.store.clock().now());
    n.put("created_at", created);
    n.put("updated_at", created);
    Json.putZeros(
        n,
        "private_gists",
        "total_private_repos",
        "owned_private_repos",
        "disk_usage",
        "collaborators");
    n.put("two_factor_authentication", false);
    return ApiResponse.json(200, n);
  }
}
