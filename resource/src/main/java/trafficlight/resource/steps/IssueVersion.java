package trafficlight.resource.steps;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import trafficlight.gate.ResourceInterface.VersionKey;
import trafficlight.github.Issue;
import trafficlight.resource.protocol.ResourceException;
import trafficlight.resource.protocol.Version;

/**
 * Versions in mitodl's format, so pipelines keep their version history when they switch images:
 * {@code issue_number}, {@code issue_title}, {@code issue_state}, {@code issue_created_at}, {@code
 * issue_closed_at} ({@code None} while open) and {@code issue_url} (the issue's API URL); times in
 * UTC as {@code 2026-11-26T08:00:00}.
 */
final class IssueVersion {

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);
  static final String NONE = "None";

  private IssueVersion() {}

  static Version of(Issue issue) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(VersionKey.ISSUE_NUMBER.key(), Long.toString(issue.number()));
    fields.put(VersionKey.ISSUE_TITLE.key(), issue.title());
    fields.put(VersionKey.ISSUE_STATE.key(), issue.state());
    fields.put(VersionKey.ISSUE_CREATED_AT.key(), format(issue.createdAt()));
    fields.put(
        VersionKey.ISSUE_CLOSED_AT.key(),
        issue.closedAt() == null ? NONE : format(issue.closedAt()));
    fields.put(VersionKey.ISSUE_URL.key(), issue.url());
    return new Version(fields);
  }

  /**
   * Where an issue stands in the version order of a resource watching {@code state}: closed issues
   * by the time they were closed, open ones by creation; then by number.
   */
  static Position position(Issue issue, String state) {
    Instant at = state.equals("closed") ? issue.closedAt() : issue.createdAt();
    return new Position(at.truncatedTo(ChronoUnit.SECONDS), issue.number());
  }

  /** The same position, read back from a version this resource emitted. */
  static Position position(Version version, String state) {
    long number = number(version);
    String timeKey =
        state.equals("closed")
            ? VersionKey.ISSUE_CLOSED_AT.key()
            : VersionKey.ISSUE_CREATED_AT.key();
    return new Position(time(version, timeKey), number);
  }

  static long number(Version version) {
    String number = version.get(VersionKey.ISSUE_NUMBER.key());
    if (number == null || !number.matches("\\d{1,18}") || Long.parseLong(number) == 0) {
      throw new ResourceException(
          "the version "
              + version.fields()
              + " is not from this resource type: it needs issue_number (a positive number);"
              + " was the resource's type or source changed? Clear its versions with"
              + " fly clear-resource-cache / check-resource --from");
    }
    return Long.parseLong(number);
  }

  private static Instant time(Version version, String key) {
    String text = version.get(key);
    try {
      return LocalDateTime.parse(text, TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new ResourceException(
          "the version's "
              + key
              + " is \""
              + text
              + "\", not a time like 2026-11-26T08:00:00: the version comes from a resource with"
              + " another issue_state or another type; check the source's issue_state");
    }
  }

  private static String format(Instant instant) {
    return TIME.format(instant.atOffset(ZoneOffset.UTC));
  }

  /** A point in the version order. */
  record Position(Instant at, long number) implements Comparable<Position> {
    @Override
    public int compareTo(Position other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : Long.compare(number, other.number);
    }
  }
}
