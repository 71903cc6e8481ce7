package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /orgs/{org}/teams/{team_slug}/memberships/{username}}: 200 with {@code url}, {@code
 * role} and {@code state} for a member (active or pending), 404 for anyone else or an unknown team.
 * Only the organization's members may read its teams (GitHub also asks a token for the {@code
 * read:org} scope): anyone else gets 403, an App's installation unless it is installed on a
 * repository of the organization.
 */
final class TeamsEndpoint {
  static final String DOCS =
      "https://docs.github.com/rest/teams/members#get-team-membership-for-a-user";

  private TeamsEndpoint() {}

  static ApiResponse membership(ApiCall call) {
    String org = call.pathPart("org");
    String team = call.pathPart("team");
    String login = call.pathPart("username");
    if (call.principal instanceof Principal.Anonymous) {
      throw new ApiException(GitHubErrors.requiresAuthentication());
    }
    if (!call.store.mayReadTeams(call.principal, org)) {
      throw new ApiException(
          call.principal instanceof Principal.InstallationAccess
              ? GitHubErrors.notAccessibleByIntegration()
              : GitHubErrors.error(403, "Resource not accessible by personal access token", DOCS));
    }
    // GitHub's description gives this 404 no body, so none is sent
    String state =
        call.store
            .teamMembership(org, team, login)
            .orElseThrow(() -> new ApiException(ApiResponse.empty(404)));
    ObjectNode body = Json.object();
    body.put(
        "url",
        call.request.apiBase() + "/orgs/" + org + "/teams/" + team + "/memberships/" + login);
    body.put("role", "member");
    body.put("state", state);
    return ApiResponse.json(200, body);
  }
}
