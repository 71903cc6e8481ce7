package trafficlight.gate;

/** What {@link ApprovalRule#decide} concluded about a close. */
public sealed interface ApprovalDecision {

  boolean allowed();

  /** The close is a go-ahead. */
  record Allowed() implements ApprovalDecision {
    public boolean allowed() {
      return true;
    }
  }

  /**
   * The close is not a go-ahead.
   *
   * @param closedBy who closed the issue, or null when GitHub did not say
   * @param reason one line for people: who closed it, why that does not count, and who may
   */
  record Refused(String closedBy, String reason) implements ApprovalDecision {
    public boolean allowed() {
      return false;
    }
  }
}
