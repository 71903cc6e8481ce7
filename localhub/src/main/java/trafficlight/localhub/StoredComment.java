package trafficlight.localhub;

import java.time.Instant;

/** An issue comment as stored. */
record StoredComment(
    long id, int issueNumber, String body, String user, Instant createdAt, Instant updatedAt) {

  /** This comment with its text edited at {@code at}. */
  StoredComment edited(String newBody, Instant at) {
    return new StoredComment(id, issueNumber, newBody, user, createdAt, at);
  }
}
