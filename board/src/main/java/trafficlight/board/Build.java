package trafficlight.board;

import java.time.Instant;

/**
 * One build a gate issue records: from the issue body or from a comment.
 *
 * @param issue the gate issue's number
 * @param at when the build was recorded (the issue's or the comment's creation)
 * @param buildName Concourse's build name (number), or null
 * @param buildUrl the build log's URL, or null
 * @param commit the full SHA the build deployed, or null (put without {@code commit_from})
 * @param subject the commit's subject line, or null
 */
public record Build(
    long issue,
    Instant at,
    String buildName,
    String job,
    String pipeline,
    String buildUrl,
    String commit,
    String subject) {

  /** The first 7 characters of the commit, or null. */
  public String shortCommit() {
    return commit == null ? null : commit.substring(0, Math.min(7, commit.length()));
  }

  /** Whether this build deployed a commit starting with {@code prefix} (case-insensitive). */
  public boolean deployed(String prefix) {
    return commit != null && commit.toLowerCase(java.util.Locale.ROOT).startsWith(prefix);
  }
}
