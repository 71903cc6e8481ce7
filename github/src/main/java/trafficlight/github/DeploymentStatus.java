package trafficlight.github;

import java.time.Instant;

/**
 * One status of a GitHub Deployment.
 *
 * @param state {@code success}, {@code failure}, {@code error}, {@code inactive}, {@code
 *     in_progress}, {@code queued} or {@code pending}
 * @param logUrl where the deploy's output is (the build page), or empty
 */
public record DeploymentStatus(
    long id,
    String state,
    String environment,
    String logUrl,
    String description,
    String creatorLogin,
    Instant createdAt) {}
