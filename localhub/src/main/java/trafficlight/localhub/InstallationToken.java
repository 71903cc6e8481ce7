package trafficlight.localhub;

import java.time.Instant;

/** A {@code ghs_} token handed out for an installation, valid until {@code expiresAt}. */
record InstallationToken(String token, long installationId, Instant expiresAt) {}
