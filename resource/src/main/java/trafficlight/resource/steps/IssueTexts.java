package trafficlight.resource.steps;

import java.util.List;
import trafficlight.gate.IssueText;
import trafficlight.github.Comment;
import trafficlight.github.Issue;

/** A gate issue's body and comments as {@link IssueText}s, for the gate's readers. */
final class IssueTexts {

  private IssueTexts() {}

  static IssueText body(Issue issue) {
    return new IssueText(issue.author(), null, issue.createdAt(), issue.body());
  }

  static List<IssueText> comments(List<Comment> comments) {
    return comments.stream()
        .map(c -> new IssueText(c.user(), c.authorAssociation(), c.createdAt(), c.body()))
        .toList();
  }
}
