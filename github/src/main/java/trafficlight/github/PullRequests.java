package trafficlight.github;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The pull requests of a code repository, through a {@link GitHubClient}'s requests (its
 * authentication, retries, rate limits and caches): which pull requests brought a commit, one pull
 * request, and an edit of a comment on its conversation (a pull request is an issue for comments:
 * {@link GitHubClient#commentOnce} and {@link GitHubClient#listComments} take its number).
 */
public final class PullRequests {

  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  private final GitHubRequests github;

  public PullRequests(GitHubClient github) {
    this.github = github.requests();
  }

  /**
   * The pull requests that brought {@code sha} ({@code GET /repos/{o}/{r}/commits/{sha}/pulls}):
   * for a commit on the default branch, the merged pull request that introduced it; for another,
   * the open ones that propose it. An answer naming a merged pull request never changes, so it is
   * kept for good, as comparisons are: in the client's memory and, as an immutable entry, in its
   * response cache.
   *
   * @param sha a full SHA (kept for good) or an abbreviated one
   */
  public List<PullRequest> ofCommit(RepositoryName repo, String sha) {
    if (sha == null || !sha.matches("[0-9A-Fa-f]{7,64}")) {
      throw new IllegalArgumentException("a commit SHA is 7 to 64 hexadecimal digits, got " + sha);
    }
    String path = repo.path() + "/commits/" + sha + "/pulls";
    String url = github.endpoint().resolve(path).toString();
    Known known = github.immutableAnswers().get(url, Known.class);
    if (known != null) {
      return known.pulls();
    }
    List<PullRequest> pulls = PullRequest.listFromJson(github.getJson(path));
    if (FULL_SHA.matcher(sha).matches() && pulls.stream().anyMatch(PullRequest::merged)) {
      github.immutableAnswers().put(url, new Known(pulls));
      github.rememberImmutable(url, pulls.stream().map(PullRequest::toJson).toList());
    }
    return pulls;
  }

  /** An answer kept for good. */
  private record Known(List<PullRequest> pulls) {}

  /** One pull request ({@code GET /repos/{o}/{r}/pulls/{number}}). */
  public PullRequest get(RepositoryName repo, long number) {
    return PullRequest.fromJson(github.getJson(repo.path() + "/pulls/" + number));
  }

  /**
   * Replaces the text of a comment on a pull request's (or an issue's) conversation ({@code PATCH
   * /repos/{o}/{r}/issues/comments/{id}}); safe to repeat. An edit notifies no one.
   */
  public Comment editComment(RepositoryName repo, long commentId, String body) {
    return GitHubJson.comment(
        github.sendJson(
            "PATCH", repo.path() + "/issues/comments/" + commentId, Map.of("body", body)));
  }
}
