package trafficlight.localhub;

import java.time.Instant;

/** An issue comment as stored. */
record StoredComment(
    long id, int issueNumber, String body, String user, Instant createdAt, Instant updatedAt) {}
