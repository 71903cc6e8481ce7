package trafficlight.github;

import java.time.Instant;

/**
 * A GitHub Deployment, as listed.
 *
 * @param sha the commit deployed
 * @param ref the ref it was created with
 * @param creatorLogin who created it, or null
 */
public record Deployment(
    long id,
    String sha,
    String ref,
    String environment,
    boolean productionEnvironment,
    String description,
    String creatorLogin,
    Instant createdAt) {}
