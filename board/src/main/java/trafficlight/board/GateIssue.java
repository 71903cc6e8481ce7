package trafficlight.board;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.DeployingNotice;
import trafficlight.gate.GateState;
import trafficlight.github.Issue;

/**
 * One gate issue of a stage, as the board reads it.
 *
 * @param issue the issue as GitHub lists it
 * @param consumedBy the next stage's build named by the {@code [CONSUMED #n]} prefix, or null
 * @param deploys how many deploys the issue holds: its own (1) plus each comment carrying a build
 * @param builds the builds its body and comments record, oldest first (only those with a record or
 *     a build log link)
 * @param close what the board learned of its close; {@link Close#OPEN} while it is open
 */
public record GateIssue(
    Issue issue, String consumedBy, int deploys, List<Build> builds, Close close) {

  /**
   * What the board learned of a close, beyond the issue list.
   *
   * @param by login of who closed it (GitHub's {@code closed_by}), or null
   * @param refusal why the close is not a go-ahead, in the words of {@code ApprovalRule} ({@code
   *     closed by bob, who may not promote to Production (approvers: @acme/release)}), or null when
   *     the close counts or was not asked about (only a stage's latest closed issue is)
   * @param deploying what the close approved and which build of the next stage deploys it, as the
   *     consuming get commented ({@link DeployingNotice}), or null when no comment says so
   */
  public record Close(String by, String refusal, DeployingNotice deploying) {
    /** Not closed, or nothing learned of the close. */
    public static final Close OPEN = new Close(null, null, null);
  }

  public GateIssue {
    builds = List.copyOf(builds);
    close = close == null ? Close.OPEN : close;
  }

  public long number() {
    return issue.number();
  }

  public String title() {
    return issue.title();
  }

  public String htmlUrl() {
    return issue.htmlUrl();
  }

  public String state() {
    return issue.state();
  }

  public String stateReason() {
    return issue.stateReason();
  }

  public List<String> labels() {
    return issue.labels();
  }

  public Instant createdAt() {
    return issue.createdAt();
  }

  public Instant closedAt() {
    return issue.closedAt();
  }

  /** Login of who closed it, or null. */
  public String closedBy() {
    return close.by();
  }

  /** Why its close is not a go-ahead ({@link Close#refusal}), or null. */
  public String refusal() {
    return close.refusal();
  }

  /** What its close approved, as the consuming get commented ({@link Close#deploying}), or null. */
  public DeployingNotice deploying() {
    return close.deploying();
  }

  public boolean isOpen() {
    return issue.isOpen();
  }

  /** Where it stands: waiting, promoted, refused, abandoned or consumed. */
  public GateState gateState() {
    return GateState.of(!isOpen(), stateReason(), consumedBy != null, refusal() != null);
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
    return deploying() == null ? null : deploying().approval().commit();
  }
}
