package trafficlight.github;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Who the credentials act for, and what a person may do: team memberships and repository
 * permissions.
 */
final class People {

  private static final String NOT_A_MEMBER = "not-a-member";
  private static final String NO_SUCH_TEAM = "no-such-team";

  private final GitHubRequests github;

  People(GitHubRequests github) {
    this.github = github;
  }

  String authenticatedLogin() {
    Object json = github.getJson("/user");
    if (json instanceof Map<?, ?> m && m.get("login") instanceof String login && !login.isBlank()) {
      return login;
    }
    throw new GitHubException(200, "GET /user answered without a login");
  }

  String teamMembershipState(String org, String teamSlug, String username) {
    String path = "/orgs/" + org + "/teams/" + teamSlug + "/memberships/" + username;
    if (github.knownAbsent(path, NOT_A_MEMBER)) {
      return null;
    }
    try {
      Object json = github.getJson(path);
      github.forgetAbsent(path, NOT_A_MEMBER);
      return json instanceof Map<?, ?> m && m.get("state") instanceof String state ? state : null;
    } catch (GitHubException e) {
      if (e.status() == 404) {
        if (!teamExists(org, teamSlug)) {
          throw new TeamNotFoundException(org, teamSlug);
        }
        github.rememberAbsent(path, NOT_A_MEMBER, GitHubClient.NOT_A_MEMBER_FOR);
        return null;
      }
      if (e.status() == 403) {
        throw forbidden(
            path,
            e,
            "the credentials cannot read the team "
                + org
                + "/"
                + teamSlug
                + "; a token's user must belong to "
                + org
                + " and the token needs the read:org scope (a fine-grained token: Members: read), a"
                + " GitHub App needs the organization permission Members: read");
      }
      throw e;
    }
  }

  boolean teamExists(String org, String teamSlug) {
    String path = "/orgs/" + org + "/teams/" + teamSlug;
    if (github.knownAbsent(path, NO_SUCH_TEAM)) {
      return false;
    }
    try {
      github.getJson(path);
      github.forgetAbsent(path, NO_SUCH_TEAM);
      return true;
    } catch (GitHubException e) {
      if (e.status() == 404) {
        github.rememberAbsent(path, NO_SUCH_TEAM, GitHubClient.NOT_A_MEMBER_FOR);
        return false;
      }
      throw e;
    }
  }

  CollaboratorPermission collaboratorPermission(RepositoryName repo, String username) {
    String path =
        repo.path()
            + "/collaborators/"
            + URLEncoder.encode(username, StandardCharsets.UTF_8)
            + "/permission";
    try {
      Object json = github.getJson(path);
      if (json instanceof Map<?, ?> m) {
        return new CollaboratorPermission(
            m.get("permission") instanceof String p ? p : null,
            m.get("role_name") instanceof String r ? r : null);
      }
      return CollaboratorPermission.NONE;
    } catch (GitHubException e) {
      if (e.status() == 404) {
        return CollaboratorPermission.NONE;
      }
      if (e.status() == 403) {
        throw forbidden(
            path,
            e,
            "the credentials may not read who may do what in "
                + repo
                + "; a token's user needs push access to it (a fine-grained token or GitHub App:"
                + " Metadata: read and Contents or Issues: write)");
      }
      throw e;
    }
  }

  private static GitHubException forbidden(String path, GitHubException e, String why) {
    return new GitHubException(
        403, "GET " + path + " answered 403 " + e.githubMessage() + ": " + why, e.githubMessage());
  }
}
