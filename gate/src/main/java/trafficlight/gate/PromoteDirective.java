package trafficlight.gate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A comment {@code /promote <sha-prefix>} on an open gate issue: of the builds the issue records,
 * it chooses the one whose commit starts with the prefix, instead of the newest, as what a close
 * approves. The directive is the comment's first non-blank line; the rest of the comment is free
 * text. Who may write one (someone allowed to close the issue) is {@link ApprovalRule#mayDirect}.
 *
 * @param argument what followed {@code /promote}, as written (empty when nothing did)
 */
public record PromoteDirective(String argument) {

  private static final Pattern LINE =
      Pattern.compile("/promote(?:\\s+(\\S*))?\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern PREFIX = Pattern.compile("[0-9a-fA-F]{4,64}");

  /** The directive a comment holds, or empty when its first non-blank line is not one. */
  public static Optional<PromoteDirective> parse(String comment) {
    if (comment == null) {
      return Optional.empty();
    }
    return comment
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .findFirst()
        .map(LINE::matcher)
        .filter(Matcher::matches)
        .map(m -> new PromoteDirective(m.group(1) == null ? "" : m.group(1)));
  }

  /** The first line of a comment that chooses {@code commit} (a full SHA is the safest). */
  public static String render(String commit) {
    return "/promote " + commit.toLowerCase(Locale.ROOT);
  }

  /** What the directive chose among the issue's records. */
  public sealed interface Choice {}

  /** The newest record whose commit the prefix names. */
  public record Chosen(DeployRecord record) implements Choice {}

  /**
   * The directive names no recorded commit, or several.
   *
   * @param reason one line for people: what was wrong, and the recorded builds to choose from
   */
  public record Refused(String reason) implements Choice {}

  /**
   * Chooses among {@code records} (oldest first). Several builds of one commit are one choice, the
   * newest of them; a prefix of two different commits is ambiguous and refused, as is one of none.
   */
  public Choice choose(List<DeployRecord> records) {
    if (!PREFIX.matcher(argument).matches()) {
      return new Refused(
          "\"/promote "
              + argument
              + "\" does not name a commit: write /promote and at least 4 hex digits of one of"
              + " the recorded builds' commits ("
              + recorded(records)
              + ")");
    }
    String prefix = argument.toLowerCase(Locale.ROOT);
    DeployRecord newest = null;
    Set<String> commits = new LinkedHashSet<>();
    for (DeployRecord record : records) {
      if (record.commit() != null && record.commit().startsWith(prefix)) {
        newest = record;
        commits.add(record.commit());
      }
    }
    if (commits.size() == 1) {
      return new Chosen(newest);
    }
    String what = commits.isEmpty() ? "names no recorded build" : "names several commits";
    return new Refused(
        "/promote " + argument + " " + what + "; recorded builds: " + recorded(records));
  }

  /** The recorded builds, oldest first: {@code `1a2b3c4` Add the cart (deploy-qa #11)}. */
  static String recorded(List<DeployRecord> records) {
    List<String> builds = new ArrayList<>();
    for (DeployRecord record : records) {
      if (record.commit() == null) {
        continue;
      }
      StringBuilder b = new StringBuilder("`").append(record.shortCommit()).append('`');
      if (record.subject() != null) {
        b.append(' ').append(record.subject());
      }
      if (record.buildName() != null) {
        b.append(" (")
            .append(record.job() == null ? "build" : record.job())
            .append(" #")
            .append(record.buildName())
            .append(')');
      }
      builds.add(b.toString());
    }
    return builds.isEmpty() ? "none records a commit" : String.join(", ", builds);
  }

  /** For logs: {@code /promote 1a2b3c4}. */
  @Override
  public String toString() {
    return ("/promote " + argument).strip();
  }
}
