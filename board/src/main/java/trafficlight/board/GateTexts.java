package trafficlight.board;

import java.util.List;
import trafficlight.gate.IssueText;
import trafficlight.gate.Permission;
import trafficlight.gate.RepositoryAccess;
import trafficlight.github.Comment;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.github.Issue;
import trafficlight.github.RepositoryName;

/**
 * A gate issue's body and comments as {@link IssueText}s for the gate's readers, and the permission
 * lookups those readers need, asked with the board's client.
 */
public final class GateTexts {

  private GateTexts() {}

  public static IssueText body(Issue issue) {
    return new IssueText(issue.author(), null, issue.createdAt(), issue.body());
  }

  public static List<IssueText> comments(List<Comment> comments) {
    return comments.stream().map(GateTexts::comment).toList();
  }

  public static IssueText comment(Comment c) {
    return new IssueText(c.user(), c.authorAssociation(), c.createdAt(), c.body());
  }

  /**
   * People's permissions on {@code repo}, each asked once. The board only shows what records say,
   * so when it may not ask (a read-only token: GitHub wants push access for the question) the
   * answer is {@link Permission#NONE}: a record nothing else vouches for is then left out, never
   * shown as if the pipeline wrote it.
   */
  public static RepositoryAccess access(GitHubClient github, RepositoryName repo) {
    return RepositoryAccess.memoized(
        login -> {
          try {
            var answer = github.collaboratorPermission(repo, login);
            return Permission.of(answer.permission(), answer.roleName());
          } catch (GitHubException e) {
            return Permission.NONE;
          }
        });
  }
}
