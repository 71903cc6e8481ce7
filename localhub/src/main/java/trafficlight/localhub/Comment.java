package trafficlight.localhub;

import java.time.Instant;

/** A snapshot of one issue comment. */
public record Comment(long id, String body, String user, Instant createdAt) {}
