package trafficlight.board;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.DeployingNotice;
import trafficlight.gate.GateState;

/**
 * One gate issue of a stage, as the board reads it.
 *
 * @param closedBy login of who closed it (GitHub's {@code closed_by}), or null
 * @param consumedBy the next stage's build named by the {@code [CONSUMED #n]} prefix, or null
 * @param deploys how many deploys the issue holds: its own (1) plus each comment carrying a build
 * @param builds the builds its body and comments record, oldest first (only those with a record or
 *     a build log link)
 * @param refusal why its close is not a go-ahead, in the words of {@code ApprovalRule} ({@code
 *     closed by bob, who may not promote to Production (approvers: @acme/release)}), or null when
 *     the close counts or was not asked about (only a stage's latest closed issue is)
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
    String refusal,
    DeployingNotice deploying) {

  /** An issue whose close was not asked about and that no consuming get commented on. */
  public GateIssue(
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
    this(
        number,
        title,
        htmlUrl,
        state,
        stateReason,
        labels,
        createdAt,
        closedAt,
        closedBy,
        consumedBy,
        deploys,
        builds,
        null,
        null);
  }

  public boolean isOpen() {
    return "open".equals(state);
  }

  /** Where it stands: waiting, promoted, refused, abandoned or consumed. */
  public GateState gateState() {
    return GateState.of(!isOpen(), stateReason, consumedBy != null, refusal != null);
  }

  /**
   * Who may promote by closing this issue, as its newest deploy record that says so recorded it;
   * empty when no record says (older records, or a stage nobody restricts).
   */
  public Optional<ApprovalRule> approvalRule() {
    return DeployRecord.newestRule(builds.stream().map(Build::record).toList());
  }

  /** The commit its close approved, when the consuming get said, else null. */
  public String approvedCommit() {
    return deploying == null ? null : deploying.approval().commit();
  }
}
