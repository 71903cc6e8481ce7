package trafficlight.board;

import java.util.List;
import java.util.Optional;
import trafficlight.gate.ApprovalDecision;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.IssueFilter;
import trafficlight.gate.github.GitHubTeamMembership;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.github.Issue;

/**
 * Whether a stage's latest close is a go-ahead, by the approvers rule its deploy records name:
 * {@link ApprovalRule}'s decision (the one the resource's check and get make), with team membership
 * asked of GitHub (conditional requests under the client's cache; a non-member's 404 remembered).
 * The records show the rule; the trigger resource's source enforces it.
 */
final class CloseReview {

  private final GitHubClient github;

  CloseReview(GitHubClient github) {
    this.github = github;
  }

  /**
   * Why the close of {@code issue} does not count, or null when it does, when no record names a
   * rule, or when the issue's state is not a plain close (open, not planned, consumed).
   *
   * @param closedBy GitHub's {@code closed_by}
   * @param records the deploy records that count ({@link DeployRecord#readIssue})
   * @param consumed whether a get already consumed it (it counted then)
   */
  String refusal(Issue issue, String closedBy, List<DeployRecord> records, boolean consumed) {
    if (!issue.isClosed() || consumed || IssueFilter.isAbandoned(issue.stateReason())) {
      return null;
    }
    Optional<ApprovalRule> rule = DeployRecord.newestRule(records);
    if (rule.isEmpty() || !rule.get().restricts()) {
      return null;
    }
    try {
      ApprovalDecision decision =
          rule.get().decide(closedBy, GitHubTeamMembership.of(github), records);
      return decision instanceof ApprovalDecision.Refused refused ? refused.reason() : null;
    } catch (GitHubException e) {
      // the resource's check fails the same way, so the close promotes nothing until it is fixed
      return "closed by "
          + (closedBy == null ? "an unknown user" : closedBy)
          + ", which cannot count while the approvers cannot be read: "
          + e.getMessage();
    }
  }
}
