package trafficlight.localhub;

import java.time.Instant;

/** One status of a deployment ({@code success}, {@code inactive}, ...). */
record StoredDeploymentStatus(
    long id,
    long deploymentId,
    String state,
    String creator,
    String description,
    String environment,
    String logUrl,
    String environmentUrl,
    Instant createdAt) {}
