package trafficlight.resource.steps;

import java.util.List;
import trafficlight.gate.ApprovalDecision;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.IssueRecords;
import trafficlight.gate.RepositoryAccess;
import trafficlight.gate.TeamMembership;
import trafficlight.gate.github.GitHubRepositoryAccess;
import trafficlight.gate.github.GitHubTeamMembership;
import trafficlight.gate.github.IssueTexts;
import trafficlight.github.Comment;
import trafficlight.github.GitHubClient;
import trafficlight.github.Issue;
import trafficlight.github.RepositoryName;

/**
 * Applies the source's {@link ApprovalRule} to a closed gate issue: asks GitHub who closed it (the
 * single-issue read, since the issue list does not carry {@code closed_by}), whether they belong to
 * a listed team, and, for {@code forbid_self_approval}, which commits the issue's deploy records
 * carry. All of these are GETs, so check's response cache makes them conditional: while nothing
 * changes they cost 304s, which GitHub does not count. Team answers are also kept for the run, and
 * so are people's permissions on the repository (asked once per person per step: who wrote a record
 * or a {@code /promote} that nothing cheaper vouches for).
 */
final class CloseApproval {

  private final GitHubClient github;
  private final RepositoryName repository;
  private final ApprovalRule rule;
  private final TeamMembership teams;
  private final RepositoryAccess access;

  CloseApproval(GitHubClient github, SourceConfig source) {
    this.github = github;
    this.repository = source.repository();
    this.rule = source.approval();
    this.teams = GitHubTeamMembership.remembered(github);
    this.access = GitHubRepositoryAccess.of(github, repository);
  }

  /**
   * Whether the pipeline wrote the comment ({@link DeployRecord#writtenByThePipeline}): a deploying
   * notice by anyone else must not pass for the one this build leaves.
   */
  boolean writtenByThePipeline(Issue issue, Comment comment) {
    return DeployRecord.writtenByThePipeline(IssueTexts.comment(comment), issue.author(), access);
  }

  /** The deploy records of an issue that count, and who wrote those that do not. */
  IssueRecords records(Issue issue, List<Comment> comments) {
    return DeployRecord.readIssue(IssueTexts.body(issue), IssueTexts.comments(comments), access);
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
    return rule.decide(current.closedBy(), teams, records);
  }

  /** Reads the issue afresh (conditionally, under check's cache) and decides. */
  ApprovalDecision decide(long number) {
    return decide(github.getIssue(repository, number));
  }

  /**
   * Whether the comment's author may choose the build the close of {@code issue} promotes ({@code
   * /promote}).
   */
  boolean mayDirect(Issue issue, Comment comment) {
    return rule.mayDirect(
        comment.user(), issue.closedBy(), comment.authorAssociation(), teams, access);
  }

  /** Who may, for people. */
  String whoMayDirect() {
    return rule.describeWhoMayDirect();
  }

  /** The deploy records of the body and, when the rule looks at commits, of the comments. */
  private List<DeployRecord> records(Issue issue) {
    List<Comment> comments =
        rule.forbidSelfApproval() && issue.comments() > 0
            ? github.listComments(repository, issue.number(), null)
            : List.of();
    return records(issue, comments).records();
  }
}
