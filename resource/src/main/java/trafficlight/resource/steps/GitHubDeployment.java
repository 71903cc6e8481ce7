package trafficlight.resource.steps;

import java.util.function.Consumer;
import trafficlight.github.DeploymentRequest;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.github.RepositoryName;

/**
 * {@code github_deployment: true}: the deploy as a GitHub Deployment of the commit on the code
 * repository, with a {@code success} status linking the build, so the repository's Environments
 * view shows what runs where. A failure (no permission, 409, 422) is a warning, never a failed
 * deploy.
 */
final class GitHubDeployment {

  private GitHubDeployment() {}

  static void record(
      GitHubClient github,
      RepositoryName code,
      String sha,
      String environment,
      boolean production,
      String buildUrl,
      Consumer<String> log) {
    String what = "a GitHub Deployment of " + sha.substring(0, 7) + " to " + environment;
    if (code == null) {
      log.accept(
          "warning: not recording "
              + what
              + ": the code repository is unknown (commit_from's origin names none; set put param"
              + " code_repository: owner/name)");
      return;
    }
    try {
      long id =
          github.createDeployment(
              code,
              new DeploymentRequest(
                  sha, environment, production, "Deployed by Concourse, recorded by trafficlight"));
      github.createDeploymentStatus(code, id, "success", buildUrl, "Deployed");
      log.accept("recorded " + what + " on " + code + " (deployment " + id + ")");
    } catch (GitHubException e) {
      log.accept("warning: could not record " + what + " on " + code + ": " + e.getMessage());
    }
  }
}
