package trafficlight.localhub;

import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of an issue (or pull request) as the hub holds it. {@code stateReason},
 * {@code body}, {@code closedAt} and {@code closedBy} may be null.
 */
public record Issue(
    int number,
    String title,
    String body,
    String state,
    String stateReason,
    List<String> labels,
    List<String> assignees,
    List<Comment> comments,
    String author,
    Instant createdAt,
    Instant updatedAt,
    Instant closedAt,
    String closedBy,
    boolean pullRequest) {

  public boolean isOpen() {
    return "open".equals(state);
  }
}
