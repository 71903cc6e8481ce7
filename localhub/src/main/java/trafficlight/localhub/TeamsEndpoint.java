package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code GET /orgs/{org}/teams/{team_slug}/memberships/{username}}: 200 with {@code url}, {@code
 * role} and {@code state} for a member (active or pending), 404 for anyone else or an unknown team.
 * Only the organization's members may read its teams (GitHub also asks a token for the {@code
 * read:org} scope): anyone else gets 403, an App's installation unless it is installed on a
 * repository of the organization.
 *
 * <p>{@code GET /orgs/{org}/teams/{team_slug}}: 200 with the team ({@code team-full}) for a team
 * that exists, 404 for one that does not, and also, as GitHub does for teams a caller cannot see,
 * for a caller who may not read the organization's teams.
 */
final class TeamsEndpoint {
  static final String DOCS =
      "https://docs.github.com/rest/teams/members#get-team-membership-for-a-user";

  private TeamsEndpoint() {}

  /** Teams and organizations have no creation time of their own in the hub. */
  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  static ApiResponse team(ApiCall call) {
    String org = call.pathPart("org");
    String team = call.pathPart("team");
    if (call.principal instanceof Principal.Anonymous) {
      throw new ApiException(GitHubErrors.requiresAuthentication());
    }
    if (!call.store.mayReadTeams(call.principal, org) || !call.store.teamExists(org, team)) {
      throw new ApiException(GitHubErrors.notFound());
    }
    String slug = team.toLowerCase(Locale.ROOT);
    long orgId = id("org:" + org.toLowerCase(Locale.ROOT));
    long teamId = id("team:" + org.toLowerCase(Locale.ROOT) + "/" + slug);
    String api = call.request.apiBase();
    String web = call.request.webBase();
    String teamUrl = api + "/organizations/" + orgId + "/team/" + teamId;
    ObjectNode body = Json.object();
    body.put("id", teamId);
    body.put("node_id", ResponseRenderer.nodeId("T", teamId));
    body.put("url", teamUrl);
    body.put("html_url", web + "/orgs/" + org + "/teams/" + slug);
    body.put("name", slug);
    body.put("slug", slug);
    body.putNull("description");
    body.put("privacy", "closed");
    body.put("notification_setting", "notifications_enabled");
    body.put("permission", "pull");
    body.put("members_url", teamUrl + "/members{/member}");
    body.put("repositories_url", teamUrl + "/repos");
    body.putNull("parent");
    body.put("members_count", call.store.activeTeamMembers(org, team));
    body.put("repos_count", 0);
    body.put("created_at", Json.timestamp(CREATED));
    body.put("updated_at", Json.timestamp(CREATED));
    body.put("type", "organization");
    body.put("organization_id", orgId);
    body.set("organization", organization(api, web, org, orgId));
    return ApiResponse.json(200, body);
  }

  private static ObjectNode organization(String api, String web, String org, long id) {
    String url = api + "/orgs/" + org;
    ObjectNode n = Json.object();
    n.put("login", org);
    n.put("id", id);
    n.put("node_id", ResponseRenderer.nodeId("O", id));
    n.put("url", url);
    Json.putUrls(
        n,
        url,
        "repos",
        "events",
        "hooks",
        "issues",
        "members{/member}",
        "public_members{/member}");
    n.put("avatar_url", web + "/avatars/o/" + id + "?v=4");
    n.putNull("description");
    n.put("html_url", web + "/" + org);
    n.put("has_organization_projects", false);
    n.put("has_repository_projects", false);
    Json.putZeros(n, "public_repos", "public_gists", "followers", "following");
    n.put("type", "Organization");
    n.put("created_at", Json.timestamp(CREATED));
    n.put("updated_at", Json.timestamp(CREATED));
    n.putNull("archived_at");
    return n;
  }

  /** A stable positive id for a name, so a team keeps its id across restarts. */
  private static long id(String name) {
    return (UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits()
            & 0x7fffffffL)
        + 1;
  }

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
