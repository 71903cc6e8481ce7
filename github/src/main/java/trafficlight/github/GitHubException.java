package trafficlight.github;

/**
 * A request to GitHub failed. The message is one line meant for a person: it names the request,
 * what GitHub said and, where known, what to do. It never contains credentials.
 */
public class GitHubException extends RuntimeException {

  /** HTTP status, or 0 when no response arrived (connection failure, timeout, bad body). */
  private final int status;

  private final String githubMessage;

  public GitHubException(int status, String message) {
    this(status, message, (String) null);
  }

  public GitHubException(int status, String message, String githubMessage) {
    this(status, message, githubMessage, null);
  }

  public GitHubException(int status, String message, Throwable cause) {
    this(status, message, null, cause);
  }

  private GitHubException(int status, String message, String githubMessage, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.githubMessage = githubMessage;
  }

  /** The {@code message} of GitHub's error body, if there was one. */
  public String githubMessage() {
    return githubMessage;
  }

  public int status() {
    return status;
  }

  /**
   * Whether the server may have applied the request although the client saw a failure: no response
   * arrived, or a 5xx. A write that failed this way must be verified, never blindly repeated.
   */
  public boolean outcomeUnknown() {
    return status == 0 || status >= 500;
  }
}
