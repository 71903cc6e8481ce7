package trafficlight.github;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The issues of a repository and the comments on them (a pull request is an issue for these). */
final class Issues {

  private final GitHubRequests github;

  Issues(GitHubRequests github) {
    this.github = github;
  }

  Issue get(RepositoryName repo, long number) {
    return GitHubJson.issue(github.getJson(repo.path() + "/issues/" + number));
  }

  Iterable<Issue> list(RepositoryName repo, IssueQuery query) {
    return github.paged(repo.path() + "/issues?" + query.toQueryString(), GitHubJson::issues);
  }

  Issue create(
      RepositoryName repo, String title, String body, List<String> labels, List<String> assignees) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("title", title);
    request.put("body", body);
    if (!labels.isEmpty()) {
      request.put("labels", labels);
    }
    if (!assignees.isEmpty()) {
      request.put("assignees", assignees);
    }
    return GitHubJson.issue(github.sendJson("POST", repo.path() + "/issues", request));
  }

  Issue update(RepositoryName repo, long number, Map<String, Object> changes) {
    return GitHubJson.issue(github.sendJson("PATCH", repo.path() + "/issues/" + number, changes));
  }

  Comment comment(RepositoryName repo, long number, String body) {
    return GitHubJson.comment(
        github.sendJson("POST", commentsPath(repo, number), Map.of("body", body)));
  }

  Comment commentOnce(RepositoryName repo, long number, String body, Instant since) {
    return new WriteOnce(github.log())
        .perform(
            "the comment",
            () -> comment(repo, number, body),
            () -> findComment(repo, number, body, since));
  }

  private Optional<Comment> findComment(
      RepositoryName repo, long number, String body, Instant since) {
    for (Comment comment : comments(repo, number, since)) {
      if (comment.body() != null && comment.body().strip().equals(body.strip())) {
        github.log().accept("the comment did reach GitHub: " + comment.htmlUrl());
        return Optional.of(comment);
      }
    }
    return Optional.empty();
  }

  List<Comment> comments(RepositoryName repo, long number, Instant since) {
    String query = "?per_page=100" + (since == null ? "" : "&since=" + since);
    return github.all(commentsPath(repo, number) + query, GitHubJson::comments);
  }

  private static String commentsPath(RepositoryName repo, long number) {
    return repo.path() + "/issues/" + number + "/comments";
  }
}
