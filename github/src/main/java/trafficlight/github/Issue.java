package trafficlight.github;

import java.time.Instant;
import java.util.List;

/**
 * The fields of a GitHub issue this project uses.
 *
 * @param url the API URL of the issue
 * @param closedBy login of who closed it, or null
 * @param pullRequest whether this "issue" is a pull request (the issues API lists both)
 * @param author login of who opened it ({@code user}), or null
 */
public record Issue(
    long number,
    String title,
    String body,
    String state,
    String stateReason,
    List<String> labels,
    List<String> assignees,
    String url,
    String htmlUrl,
    Instant createdAt,
    Instant updatedAt,
    Instant closedAt,
    String closedBy,
    int comments,
    boolean pullRequest,
    String author) {

  public boolean isOpen() {
    return "open".equals(state);
  }

  public boolean isClosed() {
    return "closed".equals(state);
  }
}
