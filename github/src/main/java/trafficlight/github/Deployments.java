package trafficlight.github;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The GitHub Deployments of a code repository and their statuses. */
final class Deployments {

  static final int MAX_STATUS_DESCRIPTION = 140;

  private final GitHubRequests github;

  Deployments(GitHubRequests github) {
    this.github = github;
  }

  long create(RepositoryName repo, DeploymentRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ref", request.ref());
    body.put("environment", request.environment());
    body.put("production_environment", request.productionEnvironment());
    body.put("auto_merge", false);
    body.put("required_contexts", List.of());
    if (request.description() != null) {
      body.put("description", request.description());
    }
    String path = repo.path() + "/deployments";
    GitHubRequests.Response response = post(repo, path, body);
    if (response.json() instanceof Map<?, ?> m && m.get("id") instanceof Number id) {
      return id.longValue();
    }
    throw new GitHubException(
        response.http().status(),
        "POST "
            + path
            + ": GitHub answered "
            + response.http().status()
            + " without a deployment ("
            + (response.json() instanceof Map<?, ?> m ? m.get("message") : "no message")
            + ")");
  }

  DeploymentStatus createStatus(
      RepositoryName repo, long deploymentId, String state, String logUrl, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", state);
    if (logUrl != null) {
      body.put("log_url", logUrl);
    }
    if (description != null) {
      body.put("description", shorten(description, MAX_STATUS_DESCRIPTION));
    }
    String path = statusesPath(repo, deploymentId);
    return GitHubJson.deploymentStatus(post(repo, path, body).json());
  }

  List<Deployment> list(RepositoryName repo, String environment) {
    String query =
        "?per_page=100"
            + (environment == null
                ? ""
                : "&environment=" + URLEncoder.encode(environment, StandardCharsets.UTF_8));
    return github.all(repo.path() + "/deployments" + query, GitHubJson::deployments);
  }

  List<DeploymentStatus> statuses(RepositoryName repo, long deploymentId) {
    return github.all(
        statusesPath(repo, deploymentId) + "?per_page=100", GitHubJson::deploymentStatuses);
  }

  private static String statusesPath(RepositoryName repo, long deploymentId) {
    return repo.path() + "/deployments/" + deploymentId + "/statuses";
  }

  /** A deployment write; a 403 or 404 explained in terms of the permission it needs. */
  private GitHubRequests.Response post(RepositoryName repo, String path, Object body) {
    try {
      return github.call("POST", path, body);
    } catch (GitHubException e) {
      if (e.status() == 403 || e.status() == 404) {
        throw new GitHubException(
            e.status(),
            "POST "
                + path
                + ": "
                + e.status()
                + " "
                + e.githubMessage()
                + ": the credentials may not write deployments on "
                + repo
                + "; a token needs the repo_deployment scope (or repo), a GitHub App needs"
                + " Deployments: read & write",
            e.githubMessage());
      }
      throw e;
    }
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
  }
}
