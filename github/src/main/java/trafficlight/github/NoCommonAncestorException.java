package trafficlight.github;

/**
 * GitHub cannot compare two commits because their histories share no commit ({@code 404 No common
 * ancestor between BASE and HEAD.}): neither contains the other.
 */
public class NoCommonAncestorException extends GitHubException {

  public NoCommonAncestorException(String message, String githubMessage) {
    super(404, message, githubMessage);
  }
}
