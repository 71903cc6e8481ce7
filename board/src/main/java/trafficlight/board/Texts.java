package trafficlight.board;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the board writes times, durations and builds for people. */
public final class Texts {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Texts() {}

  public static String time(Instant at) {
    return at == null ? "-" : TIME.format(at);
  }

  /** {@code 3d 4h}, {@code 2h 5m}, {@code 7m}. */
  public static String duration(Duration d) {
    if (d == null) {
      return "-";
    }
    long minutes = d.toMinutes();
    if (minutes < 60) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 24) {
      return hours + "h " + minutes % 60 + "m";
    }
    return hours / 24 + "d " + hours % 24 + "h";
  }

  /** {@code deploy-qa #12}, or the build log URL, or {@code a build}. */
  public static String build(Build b) {
    if (b.buildName() != null) {
      return (b.job() != null ? b.job() + " " : "build ") + "#" + b.buildName();
    }
    return b.buildUrl() != null ? b.buildUrl() : "a build";
  }

  /** {@code " by bob at 2026-11-26 09:00 UTC"}, or what of it is known. */
  public static String by(GateIssue issue) {
    return (issue.closedBy() != null ? " by " + issue.closedBy() : "")
        + (issue.closedAt() != null ? " at " + time(issue.closedAt()) : "");
  }

  /** Text made safe inside HTML and SVG, attribute values included; null is empty. */
  public static String escapeHtml(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
