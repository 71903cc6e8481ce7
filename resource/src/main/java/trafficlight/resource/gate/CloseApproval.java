package trafficlight.resource.gate;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import trafficlight.gate.ApprovalDecision;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.Approver;
import trafficlight.gate.DeployRecord;
import trafficlight.github.Comment;
import trafficlight.github.GitHubClient;
import trafficlight.github.Issue;
import trafficlight.github.RepositoryName;

/**
 * Applies the source's {@link ApprovalRule} to a closed gate issue: asks GitHub who closed it (the
 * single-issue read, since the issue list does not carry {@code closed_by}), whether they belong to
 * a listed team, and, for {@code forbid_self_approval}, which commits the issue's deploy records
 * carry. All of these are GETs, so check's response cache makes them conditional: while nothing
 * changes they cost 304s, which GitHub does not count. Team answers are also kept for the run.
 */
final class CloseApproval {

  private final GitHubClient github;
  private final RepositoryName repository;
  private final ApprovalRule rule;
  private final Map<String, Boolean> memberships = new HashMap<>();

  CloseApproval(GitHubClient github, SourceConfig source) {
    this.github = github;
    this.repository = source.repository();
    this.rule = source.approval();
  }

  boolean restricts() {
    return rule.restricts();
  }

  /**
   * The decision on an issue as GitHub has it now; {@code current} must be a fresh single-issue
   * read, which carries {@code closed_by}.
   */
  ApprovalDecision decide(Issue current) {
    if (!rule.restricts()) {
      return new ApprovalDecision.Allowed();
    }
    return decide(current, records(current));
  }

  /**
   * The decision on a fresh single-issue read whose deploy records (body and comments) the caller
   * has read already.
   */
  ApprovalDecision decide(Issue current, List<DeployRecord> records) {
    if (!rule.restricts()) {
      return new ApprovalDecision.Allowed();
    }
    return rule.decide(current.closedBy(), this::isActiveMember, records);
  }

  /** Reads the issue afresh (conditionally, under check's cache) and decides. */
  ApprovalDecision decide(long number) {
    return decide(github.getIssue(repository, number));
  }

  /** Whether the comment's author may choose the build a close promotes ({@code /promote}). */
  boolean mayDirect(Comment comment) {
    return rule.mayDirect(comment.user(), comment.authorAssociation(), this::isActiveMember);
  }

  /** Who may, for people. */
  String whoMayDirect() {
    return rule.describeWhoMayDirect();
  }

  private boolean isActiveMember(Approver.Team team, String login) {
    String key = (team.org() + "/" + team.slug() + ":" + login).toLowerCase(Locale.ROOT);
    return memberships.computeIfAbsent(
        key, k -> github.isActiveTeamMember(team.org(), team.slug(), login));
  }

  /** The deploy records of the body and, when the rule looks at commits, of the comments. */
  private List<DeployRecord> records(Issue issue) {
    List<Comment> comments =
        rule.forbidSelfApproval() && issue.comments() > 0
            ? github.listComments(repository, issue.number(), null)
            : List.of();
    return DeployRecord.readIssue(issue.body(), comments.stream().map(Comment::body).toList());
  }
}
