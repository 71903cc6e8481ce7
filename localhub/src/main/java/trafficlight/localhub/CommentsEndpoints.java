package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** {@code /repos/{owner}/{repo}/issues/{number}/comments}. */
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
    ObjectNode body = call.body();
    String docs = IssueValidation.COMMENT_DOCS;
    if (!body.hasNonNull("body") || body.get("body").asText().isEmpty()) {
      throw IssueValidation.fail(
          docs, GitHubErrors.fieldError("IssueComment", "missing_field", "body"));
    }
    String text = IssueValidation.body(body.get("body"), "IssueComment", docs);
    StoredComment comment =
        call.store.addComment(repo, issue.number(), call.principal.login(), text);
    ObjectNode json = call.render.comment(repo, comment);
    return ApiResponse.json(201, json).header("location", json.get("url").asText());
  }
}
