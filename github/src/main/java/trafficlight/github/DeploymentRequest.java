package trafficlight.github;

/**
 * What a new GitHub Deployment records. It is always created with {@code auto_merge: false} (never
 * merge the default branch into the deployed commit) and {@code required_contexts: []} (commit
 * statuses never block it): it records a deploy that already happened.
 *
 * @param ref what was deployed; a full SHA is safest
 * @param environment the environment's name (the stage)
 * @param productionEnvironment whether end users use this environment (the final stage)
 * @param description a short description, or null
 */
public record DeploymentRequest(
    String ref, String environment, boolean productionEnvironment, String description) {

  public DeploymentRequest {
    if (ref == null || ref.isBlank()) {
      throw new IllegalArgumentException("a deployment needs a ref (a commit SHA)");
    }
    if (environment == null || environment.isBlank()) {
      throw new IllegalArgumentException("a deployment needs an environment name");
    }
  }
}
