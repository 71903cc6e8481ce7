package trafficlight.localhub;

import java.time.Instant;

/** A snapshot of one issue comment; {@code updatedAt} is its {@code createdAt} until edited. */
public record Comment(long id, String body, String user, Instant createdAt, Instant updatedAt) {}
