package trafficlight.github;

import java.time.Instant;

/** A comment on an issue. */
public record Comment(long id, String body, String user, String htmlUrl, Instant createdAt) {}
