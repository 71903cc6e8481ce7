package trafficlight.github;

import java.time.Instant;

/**
 * A commit as the project shows it.
 *
 * @param sha the full SHA
 * @param subject the first line of the message
 * @param message the whole message
 * @param authorLogin the GitHub login of the author, or null when GitHub links no user to the
 *     author's e-mail
 * @param committerLogin likewise for the committer
 * @param authoredAt the author's date ({@code commit.author.date}), or null when the answer had
 *     none (an answer kept by an older version)
 */
public record CommitSummary(
    String sha,
    String subject,
    String message,
    String authorLogin,
    String committerLogin,
    Instant authoredAt) {

  /** The first line of a commit message. */
  public static String subjectOf(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }

  /** The first seven characters of the SHA, as git and GitHub abbreviate it. */
  public String shortSha() {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }
}
