package trafficlight.board;

import java.time.Instant;
import java.util.Locale;
import trafficlight.gate.DeployRecord;

/**
 * One build a gate issue records, in its body or in a comment.
 *
 * @param issue the gate issue's number
 * @param at when the build was recorded (the issue's or the comment's creation)
 * @param record what the put recorded
 */
public record Build(long issue, Instant at, DeployRecord record) {

  /** The full SHA the build deployed, or null (a put without {@code commit_from}). */
  public String commit() {
    return record.commit();
  }

  /** The first 7 characters of the commit, or null. */
  public String shortCommit() {
    return record.shortCommit();
  }

  /** The commit's subject line, or null. */
  public String subject() {
    return record.subject();
  }

  /** Concourse's build name (number), or null. */
  public String buildName() {
    return record.buildName();
  }

  public String job() {
    return record.job();
  }

  public String pipeline() {
    return record.pipeline();
  }

  /** The build log's URL, or null. */
  public String buildUrl() {
    return record.buildUrl();
  }

  /** Whether this build deployed a commit starting with {@code prefix} (case-insensitive). */
  public boolean deployed(String prefix) {
    return commit() != null && commit().startsWith(prefix.toLowerCase(Locale.ROOT));
  }
}
