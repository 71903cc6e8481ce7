package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /repos/{owner}/{repo}/collaborators/{username}/permission}: 200 with the legacy {@code
 * permission} (maintain maps to write, triage to read), the {@code role_name} and the user, as
 * {@link HubStore#roleOf} decides; 404 for an unknown user and for anyone without access to a
 * private repository. GitHub asks the caller for push access; the hub, which lets every token
 * write, does not.
 */
final class PermissionEndpoint {

  private PermissionEndpoint() {}

  static ApiResponse permission(ApiCall call) {
    if (call.principal instanceof Principal.Anonymous) {
      throw new ApiException(GitHubErrors.requiresAuthentication());
    }
    RepoState repo = call.repo(false, false);
    String login = URLDecoder.decode(call.pathPart("username"), StandardCharsets.UTF_8);
    String role =
        call.store.roleOf(repo, login).orElseThrow(() -> new ApiException(GitHubErrors.notFound()));
    ObjectNode user = call.render.user(login);
    ObjectNode permissions = user.putObject("permissions");
    int rank = HubStore.ROLES.indexOf(role);
    permissions.put("pull", rank >= 0);
    permissions.put("triage", rank >= 1);
    permissions.put("push", rank >= 2);
    permissions.put("maintain", rank >= 3);
    permissions.put("admin", rank >= 4);
    user.put("role_name", role);
    ObjectNode body = Json.object();
    body.put("permission", legacy(role));
    body.put("role_name", role);
    body.set("user", user);
    return ApiResponse.json(200, body);
  }

  private static String legacy(String role) {
    return switch (role) {
      case "admin" -> "admin";
      case "maintain", "write" -> "write";
      default -> "read";
    };
  }
}
