package trafficlight.localhub;

import java.time.Instant;
import java.util.List;

/**
 * One issue for {@link LocalHub#seedIssues}. {@code state} is "open" or "closed"; {@code
 * stateReason}, {@code createdAt} and {@code closedAt} are optional (null: "completed" for closed
 * issues, and the hub's current time).
 */
public record IssueSeed(
    String title,
    String body,
    List<String> labels,
    String state,
    String stateReason,
    Instant createdAt,
    Instant closedAt) {

  public IssueSeed {
    labels = labels == null ? List.of() : List.copyOf(labels);
    state = state == null ? "open" : state;
  }

  /** An open issue with a title and labels. */
  public static IssueSeed open(String title, String... labels) {
    return new IssueSeed(title, null, List.of(labels), "open", null, null, null);
  }

  /** A closed (completed) issue with a title and labels. */
  public static IssueSeed closed(String title, String... labels) {
    return new IssueSeed(title, null, List.of(labels), "closed", "completed", null, null);
  }
}
