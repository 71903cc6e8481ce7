package trafficlight.localhub;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A deployment of a code repository: the commit it deploys, where to, and who asked. */
record StoredDeployment(
    long id,
    long repoId,
    String sha,
    String ref,
    String task,
    JsonNode payload,
    String environment,
    String description,
    String creator,
    boolean transientEnvironment,
    boolean productionEnvironment,
    Instant createdAt) {}
