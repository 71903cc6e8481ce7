package trafficlight.gate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prefix {@code [CONSUMED #<build>]} that the trigger resource's get puts before the title of a
 * closed issue, so that it never triggers again (a trigger resource's {@code issue_prefix} no
 * longer matches). Written as mitodl's resource writes it, with no space after the bracket; read
 * with or without one, and any number of times.
 */
public final class ConsumedPrefix {

  private static final String START = "[CONSUMED #";
  private static final Pattern ONE = Pattern.compile("\\[CONSUMED #([^\\]]*)\\]\\s*");

  private ConsumedPrefix() {}

  /** The title of {@code title} once {@code build} consumed it. */
  public static String add(String title, String build) {
    return START + build + "]" + title;
  }

  /** Whether the title was consumed already. */
  public static boolean isConsumed(String title) {
    return title.startsWith(START);
  }

  /**
   * A title without its consumed prefixes.
   *
   * @param consumedBy the build of the outermost (latest) prefix, or null when there is none
   */
  public record Stripped(String title, String consumedBy) {}

  public static Stripped strip(String title) {
    String consumedBy = null;
    Matcher m = ONE.matcher(title);
    int at = 0;
    while (m.find(at) && m.start() == at) {
      if (consumedBy == null) {
        consumedBy = m.group(1);
      }
      at = m.end();
    }
    return new Stripped(title.substring(at), consumedBy);
  }
}
