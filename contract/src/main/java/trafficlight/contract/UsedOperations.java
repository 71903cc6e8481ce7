package trafficlight.contract;

import java.util.List;
import java.util.Locale;

/**
 * The one place that lists the GitHub REST operations this project uses (its client sends them,
 * localhub serves them). Only these operations, and the components they reference, are loaded from
 * GitHub's description. Add an operation here when the project starts using it.
 */
public final class UsedOperations {

  /** One operation: an upper-case HTTP method and a path template as spelled in the description. */
  public record Operation(String method, String pathTemplate) {
    public Operation {
      method = method.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return method + " " + pathTemplate;
    }
  }

  /**
   * Listed for paging: GitHub's {@code Link} headers for issue lists point at it. GitHub's
   * description does not describe it (checked for api.github.com and ghes-3.19 in @octokit/openapi
   * 23.0.2), so it cannot be validated; see {@link GitHubContract} for how that is reported.
   */
  public static final Operation LIST_ISSUES_BY_REPOSITORY_ID =
      new Operation("GET", "/repositories/{repository_id}/issues");

  public static final List<Operation> ALL =
      List.of(
          new Operation("GET", "/repos/{owner}/{repo}"),
          new Operation("GET", "/repos/{owner}/{repo}/issues"),
          new Operation("POST", "/repos/{owner}/{repo}/issues"),
          new Operation("GET", "/repos/{owner}/{repo}/issues/{issue_number}"),
          new Operation("PATCH", "/repos/{owner}/{repo}/issues/{issue_number}"),
          new Operation("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments"),
          new Operation("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments"),
          new Operation("PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}"),
          new Operation("GET", "/search/issues"),
          new Operation("GET", "/rate_limit"),
          new Operation("GET", "/orgs/{org}/teams/{team_slug}"),
          new Operation("GET", "/user"),
          new Operation("GET", "/repos/{owner}/{repo}/collaborators/{username}/permission"),
          new Operation("DELETE", "/applications/{client_id}/token"),
          new Operation("GET", "/orgs/{org}/teams/{team_slug}/memberships/{username}"),
          new Operation("POST", "/app/installations/{installation_id}/access_tokens"),
          new Operation("GET", "/repos/{owner}/{repo}/hooks"),
          new Operation("POST", "/repos/{owner}/{repo}/hooks"),
          new Operation("GET", "/repos/{owner}/{repo}/hooks/{hook_id}"),
          new Operation("DELETE", "/repos/{owner}/{repo}/hooks/{hook_id}"),
          new Operation("POST", "/repos/{owner}/{repo}/hooks/{hook_id}/pings"),
          new Operation("GET", "/repos/{owner}/{repo}/hooks/{hook_id}/deliveries"),
          new Operation("GET", "/repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}"),
          new Operation(
              "POST", "/repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"),
          // before commits/{ref}, whose multi-segment {ref} would take "SHA/pulls" too
          new Operation("GET", "/repos/{owner}/{repo}/commits/{commit_sha}/pulls"),
          new Operation("GET", "/repos/{owner}/{repo}/pulls/{pull_number}"),
          new Operation("GET", "/repos/{owner}/{repo}/commits/{ref}"),
          new Operation("GET", "/repos/{owner}/{repo}/compare/{basehead}"),
          new Operation("GET", "/repos/{owner}/{repo}/deployments"),
          new Operation("POST", "/repos/{owner}/{repo}/deployments"),
          new Operation("GET", "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses"),
          new Operation("POST", "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses"),
          LIST_ISSUES_BY_REPOSITORY_ID);

  private UsedOperations() {}
}
