package trafficlight.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a deploy carried since the stage's previous deploy, as a gate comment lists it and the board
 * sums it up. Pull-request numbers are written {@code owner/repo#123}, so that GitHub shows the
 * gate issue in the pull request's timeline.
 */
public final class CarriedCommits {

  /** Lines listed in a comment before "and N more". */
  public static final int MAX_LINES = 20;

  /** Commits kept in a deploy record: enough for the board, small enough for the body. */
  public static final int MAX_RECORDED = 100;

  private static final Pattern SQUASHED = Pattern.compile("\\(#(\\d+)\\)");
  private static final Pattern MERGED = Pattern.compile("^Merge pull request #(\\d+)");
  private static final int SUBJECT_MAX = 60;

  private CarriedCommits() {}

  /**
   * The markdown a put adds to its comment or issue body.
   *
   * @param commits oldest first, the deployed commit last; listed in that order
   * @param total how many commits the compare counted (more than listed when it had to cut)
   * @param since the short SHA of the stage's previous deploy
   * @param compareUrl the compare view between the two deploys, or null
   */
  public static String markdown(
      List<DeployRecord.Commit> commits,
      int total,
      String codeRepository,
      String since,
      String compareUrl) {
    StringBuilder out = new StringBuilder();
    out.append("\n\n")
        .append(total)
        .append(total == 1 ? " commit" : " commits")
        .append(" since the previous deploy (`")
        .append(since)
        .append("`):\n");
    int listed = Math.min(MAX_LINES, commits.size());
    for (int i = 0; i < listed; i++) {
      DeployRecord.Commit c = commits.get(i);
      out.append("- `")
          .append(shortSha(c.sha()))
          .append("` ")
          .append(withReferences(c.subject() == null ? "" : c.subject(), codeRepository));
      if (c.author() != null) {
        out.append(" (").append(c.author()).append(')');
      }
      out.append('\n');
    }
    int more = total - listed;
    if (more > 0) {
      out.append("- and ").append(more).append(" more");
      if (compareUrl != null) {
        out.append(": [compare](").append(compareUrl).append(')');
      }
      out.append('\n');
    } else if (compareUrl != null) {
      out.append("\n[Compare](").append(compareUrl).append(")\n");
    }
    return out.toString();
  }

  /**
   * A subject with its pull-request numbers as {@code owner/repo#123}: {@code Fix it (#12)} and
   * {@code Merge pull request #12 from …}. Unchanged without a code repository.
   */
  public static String withReferences(String subject, String codeRepository) {
    if (codeRepository == null) {
      return subject;
    }
    Matcher merged = MERGED.matcher(subject);
    if (merged.find()) {
      return "Merge pull request "
          + codeRepository
          + "#"
          + merged.group(1)
          + subject.substring(merged.end());
    }
    return SQUASHED
        .matcher(subject)
        .replaceAll(m -> Matcher.quoteReplacement("(" + codeRepository + "#" + m.group(1) + ")"));
  }

  /** {@code 3 commits: Fix the cart total, Speed up search, …} for the board; null for none. */
  public static String summary(List<DeployRecord.Commit> commits) {
    if (commits.isEmpty()) {
      return null;
    }
    List<String> subjects = new ArrayList<>();
    int length = 0;
    for (DeployRecord.Commit c : commits) {
      String s = c.subject() != null ? c.subject() : shortSha(c.sha());
      if (!subjects.isEmpty() && length + s.length() > SUBJECT_MAX) {
        subjects.add("\u2026");
        break;
      }
      subjects.add(s);
      length += s.length() + 2;
    }
    return commits.size()
        + (commits.size() == 1 ? " commit: " : " commits: ")
        + String.join(", ", subjects);
  }

  private static String shortSha(String sha) {
    return sha == null ? "" : sha.substring(0, Math.min(7, sha.length()));
  }
}
