package trafficlight.localhub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;

/** One authenticated call to a route: the request, who makes it, the path's parts, the state. */
final class ApiCall {
  final ApiRequest request;
  final Principal principal;
  final HubStore store;
  final ResponseRenderer render;
  private final Matcher path;

  ApiCall(ApiRequest request, Principal principal, HubStore store, Matcher path) {
    this.request = request;
    this.principal = principal;
    this.store = store;
    this.path = path;
    this.render = new ResponseRenderer(store, request.apiBase(), request.webBase());
  }

  String pathPart(String group) {
    try {
      return path.group(group);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  int issueNumber() {
    try {
      return Integer.parseInt(pathPart("number"));
    } catch (NumberFormatException e) {
      throw new ApiException(GitHubErrors.notFound());
    }
  }

  /**
   * The repository of the path, checked as GitHub does: anonymous writes 401, unknown or hidden
   * 404, no write access 403, issues disabled 410 (for issue endpoints).
   */
  RepoState repo(boolean write, boolean issueEndpoint) {
    if (write && principal instanceof Principal.Anonymous) {
      throw new ApiException(GitHubErrors.requiresAuthentication());
    }
    String id = pathPart("id");
    RepoState repo =
        (id != null
                ? store.repoById(Long.parseLong(id))
                : store.repo(pathPart("owner") + "/" + pathPart("repo")))
            .filter(r -> principal.canRead(r.repo))
            .orElseThrow(() -> new ApiException(GitHubErrors.notFound()));
    if (write && !principal.canWrite(repo.repo)) {
      throw new ApiException(GitHubErrors.notAccessibleByIntegration());
    }
    if (issueEndpoint && !repo.repo.hasIssues()) {
      throw new ApiException(GitHubErrors.issuesDisabled());
    }
    return repo;
  }

  StoredIssue issue(RepoState repo) {
    StoredIssue issue = repo.issues.get(issueNumber());
    if (issue == null) {
      throw new ApiException(GitHubErrors.notFound());
    }
    return issue;
  }

  /** The request body as a JSON object; 400 "Problems parsing JSON" otherwise. */
  ObjectNode body() {
    try {
      JsonNode node =
          Json.parse(request.body() == null || request.body().isBlank() ? "{}" : request.body());
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (JsonProcessingException e) {
      // fall through
    }
    throw new ApiException(GitHubErrors.problemsParsingJson());
  }

  String param(String name, String defaultValue) {
    String value = request.param(name);
    return value == null || value.isEmpty() ? defaultValue : value;
  }
}
