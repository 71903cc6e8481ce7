package trafficlight.github;

/**
 * GitHub knows no team by the slug asked for in the organization: {@code GET
 * /orgs/{org}/teams/{team_slug}} answered 404 (as GitHub also answers for a team the credentials
 * cannot see). Told apart from "not a member", whose membership 404 looks the same.
 */
public class TeamNotFoundException extends GitHubException {

  public TeamNotFoundException(String org, String slug) {
    super(
        404,
        "there is no team "
            + org
            + "/"
            + slug
            + " (GET /orgs/"
            + org
            + "/teams/"
            + slug
            + " answered 404; GitHub answers the same for a secret team the credentials cannot"
            + " see): check the team's slug in approvers, as it appears in the team's URL"
            + " https://github.com/orgs/"
            + org
            + "/teams/<slug>",
        "Not Found");
  }
}
