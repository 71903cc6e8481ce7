package trafficlight.board;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import trafficlight.gate.ApprovalRule;

/**
 * One gate issue of a stage, as the board reads it.
 *
 * @param closedBy login of who closed it (GitHub's {@code closed_by}), or null
 * @param consumedBy the next stage's build named by the {@code [CONSUMED #n]} prefix, or null
 * @param deploys how many deploys the issue holds: its own (1) plus each comment carrying a build
 * @param builds the builds its body and comments record, oldest first (only those with a record or
 *     a build log link)
 */
public record GateIssue(
    long number,
    String title,
    String htmlUrl,
    String state,
    String stateReason,
    List<String> labels,
    Instant createdAt,
    Instant closedAt,
    String closedBy,
    String consumedBy,
    int deploys,
    List<Build> builds) {

  public boolean isOpen() {
    return "open".equals(state);
  }

  /**
   * Who may promote by closing this issue, as its newest deploy record that says so recorded it;
   * empty when no record says (older records, or a stage nobody restricts).
   */
  public Optional<ApprovalRule> approvalRule() {
    for (int i = builds.size() - 1; i >= 0; i--) {
      Optional<ApprovalRule> rule = builds.get(i).record().approvalRule();
      if (rule.isPresent()) {
        return rule;
      }
    }
    return Optional.empty();
  }
}
