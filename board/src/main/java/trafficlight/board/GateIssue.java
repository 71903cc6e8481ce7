package trafficlight.board;

import java.time.Instant;
import java.util.List;
import trafficlight.gate.DeployingNotice;

/**
 * One gate issue of a stage, as the board reads it.
 *
 * @param closedBy login of who closed it (GitHub's {@code closed_by}), or null
 * @param consumedBy the next stage's build named by the {@code [CONSUMED #n]} prefix, or null
 * @param deploys how many deploys the issue holds: its own (1) plus each comment carrying a build
 * @param builds the builds its body and comments record, oldest first (only those with a record or
 *     a build log link)
 * @param deploying what its close approved and which build of the next stage deploys it, as the
 *     consuming get commented ({@link DeployingNotice}), or null when no comment says so
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
    List<Build> builds,
    DeployingNotice deploying) {

  public boolean isOpen() {
    return "open".equals(state);
  }

  /** The commit its close approved, when the consuming get said, else null. */
  public String approvedCommit() {
    return deploying == null ? null : deploying.approval().commit();
  }
}
