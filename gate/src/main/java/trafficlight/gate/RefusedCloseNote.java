package trafficlight.gate;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comment the relay leaves when it reopens a gate issue whose close the approvers rule refuses:
 * a line for people naming the rule, and a marker naming the close it answers, so the comment is
 * written once per close however often the close is delivered or a write's response is lost.
 *
 * <pre>
 * Reopened: closed by bob, who may not promote to Production (approvers: @acme/release). …
 * &lt;!-- trafficlight:refused-close {"closed_at":"2026-11-26T09:15:02Z"} --&gt;
 * </pre>
 */
public final class RefusedCloseNote {

  static final String MARKER = "trafficlight:refused-close";

  private static final Pattern NOTE =
      Pattern.compile(
          "<!--\\s*"
              + Pattern.quote(MARKER)
              + "\\s+\\{\\s*\"closed_at\"\\s*:\\s*\"([^\"]+)\"\\s*}\\s*-->");

  private RefusedCloseNote() {}

  /**
   * The comment for a close the rule refused.
   *
   * @param reason {@link ApprovalDecision.Refused#reason()}
   * @param closedAt when the refused close happened (GitHub's {@code closed_at})
   */
  public static String render(String reason, Instant closedAt) {
    return "Reopened: "
        + reason
        + ". This close is not a go-ahead, so nothing was promoted; one of the approvers may close"
        + " the issue to promote it.\n\n<!-- "
        + MARKER
        + " {\"closed_at\":\""
        + closedAt
        + "\"} -->\n";
  }

  /** Whether {@code comment} is the note on the close at {@code closedAt}. */
  public static boolean answers(String comment, Instant closedAt) {
    if (comment == null || closedAt == null) {
      return false;
    }
    Matcher m = NOTE.matcher(comment);
    while (m.find()) {
      if (m.group(1).equals(closedAt.toString())) {
        return true;
      }
    }
    return false;
  }
}
