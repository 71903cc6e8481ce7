package trafficlight.gate.github;

import java.util.List;
import trafficlight.gate.IssueText;
import trafficlight.github.Comment;
import trafficlight.github.Issue;

/** A gate issue's body and comments, as GitHub answers them, as the gate's {@link IssueText}s. */
public final class IssueTexts {

  private IssueTexts() {}

  /** The issue's body; the issue list carries no {@code author_association} for it. */
  public static IssueText body(Issue issue) {
    return new IssueText(issue.author(), null, issue.createdAt(), issue.body());
  }

  public static IssueText comment(Comment comment) {
    return new IssueText(
        comment.user(), comment.authorAssociation(), comment.createdAt(), comment.body());
  }

  public static List<IssueText> comments(List<Comment> comments) {
    return comments.stream().map(IssueTexts::comment).toList();
  }
}
