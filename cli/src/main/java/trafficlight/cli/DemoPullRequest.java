package trafficlight.cli;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import trafficlight.gate.PullRequestNote;
import trafficlight.localhub.Comment;
import trafficlight.localhub.LocalHub;

/**
 * The demo's pull request: its first change is merged through one, so that the deploys (the chain
 * sets {@code pr_comments: true}) keep a comment on it saying where the change is.
 */
final class DemoPullRequest {

  private DemoPullRequest() {}

  /** Opens and merges a pull request of {@code sha} (a squash merge: the commit itself). */
  static int open(LocalHub hub, String sha, String title, String author) {
    return hub.createPullRequest(
        DemoGitRepository.NAME, title, sha, sha, author.toLowerCase(Locale.ROOT));
  }

  /** The note's text for people (without its hidden record), or empty when there is none. */
  static Optional<String> note(LocalHub hub, int number) {
    List<Comment> comments = hub.issue(DemoGitRepository.NAME, number).comments();
    return comments.stream()
        .map(Comment::body)
        .filter(body -> PullRequestNote.read(body).isPresent())
        .findFirst()
        .map(body -> body.replaceAll("(?m)^<!--.*-->\\s*$", "").strip());
  }

  /** How many comments the pull request has: the note, and the arrival once in Production. */
  static int comments(LocalHub hub, int number) {
    return hub.issue(DemoGitRepository.NAME, number).comments().size();
  }
}
