package trafficlight.gate.github;

import trafficlight.gate.Permission;
import trafficlight.gate.RepositoryAccess;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.github.RepositoryName;

/**
 * People's permissions on a gate repository, asked of GitHub ({@link
 * GitHubClient#collaboratorPermission}) at most once per person: make one per step (a get, a board
 * refresh, a review of a close).
 */
public final class GitHubRepositoryAccess {

  private GitHubRepositoryAccess() {}

  /** A failure to ask (credentials that may not, GitHub down) reaches the caller. */
  public static RepositoryAccess of(GitHubClient github, RepositoryName repository) {
    return RepositoryAccess.memoized(login -> permissionOf(github, repository, login));
  }

  /**
   * A failure to ask is {@link Permission#NONE}: for a reader that only shows what records say (the
   * board, whose read-only token GitHub does not answer this question for), where a record nothing
   * else vouches for is then left out, never shown as if the pipeline wrote it.
   */
  public static RepositoryAccess orNone(GitHubClient github, RepositoryName repository) {
    return RepositoryAccess.memoized(
        login -> {
          try {
            return permissionOf(github, repository, login);
          } catch (GitHubException e) {
            return Permission.NONE;
          }
        });
  }

  private static Permission permissionOf(
      GitHubClient github, RepositoryName repository, String login) {
    var answer = github.collaboratorPermission(repository, login);
    return Permission.of(answer.permission(), answer.roleName());
  }
}
