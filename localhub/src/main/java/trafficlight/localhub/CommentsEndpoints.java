package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code /repos/{owner}/{repo}/issues/{number}/comments} and {@code
 * /repos/{owner}/{repo}/issues/comments/{comment_id}}.
 */
final class CommentsEndpoints {
  private static final String LIST_DOCS =
      "https://docs.github.com/rest/issues/comments#list-issue-comments";

  private CommentsEndpoints() {}

  static ApiResponse list(ApiCall call) {
    RepoState repo = call.repo(false, true);
    StoredIssue issue = call.issue(repo);
    Instant since = IssuesEndpoints.parseSince(call.request.param("since"), LIST_DOCS);
    List<StoredComment> comments =
        repo.commentsOf(issue.number()).stream()
            .filter(c -> since == null || !c.updatedAt().isBefore(since))
            .sorted(Comparator.comparingLong(StoredComment::id))
            .toList();
    String linkBase =
        call.request.apiBase()
            + "/repositories/"
            + repo.repo.id()
            + "/issues/"
            + issue.number()
            + "/comments";
    return Paging.respond(call.request, linkBase, comments, c -> call.render.comment(repo, c));
  }

  static ApiResponse create(ApiCall call) {
    RepoState repo = call.repo(true, true);
    StoredIssue issue = call.issue(repo);
    String text = commentText(call, IssueValidation.COMMENT_DOCS);
    StoredComment comment =
        call.store.addComment(repo, issue.number(), call.principal.login(), text);
    ObjectNode json = call.render.comment(repo, comment);
    return ApiResponse.json(201, json).header("location", json.get("url").asText());
  }

  /**
   * {@code PATCH /repos/{o}/{r}/issues/comments/{id}}: its author, or anyone who may write to the
   * repository, replaces the text; {@code updated_at} moves to now.
   */
  static ApiResponse update(ApiCall call) {
    if (call.principal instanceof Principal.Anonymous) {
      throw new ApiException(GitHubErrors.requiresAuthentication());
    }
    RepoState repo = call.repo(false, true);
    StoredComment current =
        commentId(call)
            .flatMap(repo::comment)
            .orElseThrow(() -> new ApiException(GitHubErrors.notFound()));
    boolean author = current.user().equalsIgnoreCase(String.valueOf(call.principal.login()));
    if (!author && !call.principal.canWrite(repo.repo)) {
      throw new ApiException(GitHubErrors.notAccessibleByIntegration());
    }
    String text = commentText(call, IssueValidation.UPDATE_COMMENT_DOCS);
    StoredComment edited = call.store.editComment(repo, current.id(), text);
    return ApiResponse.json(200, call.render.comment(repo, edited));
  }

  /** The request's non-empty {@code body}, refused with the operation's {@code docs}. */
  private static String commentText(ApiCall call, String docs) {
    ObjectNode body = call.body();
    if (!body.hasNonNull("body") || body.get("body").asText().isEmpty()) {
      throw IssueValidation.fail(
          docs, GitHubErrors.fieldError("IssueComment", "missing_field", "body"));
    }
    return IssueValidation.body(body.get("body"), "IssueComment", docs);
  }

  private static Optional<Long> commentId(ApiCall call) {
    try {
      return Optional.of(Long.parseLong(call.pathPart("commentId")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
