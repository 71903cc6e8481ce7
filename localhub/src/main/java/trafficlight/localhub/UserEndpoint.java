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
    n.put("public_repos", 0);
    n.put("public_gists", 0);
    n.put("followers", 0);
    n.put("following", 0);
    String created = Json.timestamp(call.store.clock().now());
    n.put("created_at", created);
    n.put("updated_at", created);
    n.put("private_gists", 0);
    n.put("total_private_repos", 0);
    n.put("owned_private_repos", 0);
    n.put("disk_usage", 0);
    n.put("collaborators", 0);
    n.put("two_factor_authentication", false);
    return ApiResponse.json(200, n);
  }
}
