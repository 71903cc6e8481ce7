package trafficlight.github;

import java.time.Instant;

/** GitHub's rate limit is exhausted for longer than the client is willing to wait. */
public final class RateLimitException extends GitHubException {

  private final Instant resetsAt;

  public RateLimitException(int status, String message, Instant resetsAt) {
    super(status, message);
    this.resetsAt = resetsAt;
  }

  /** When the limit resets, if GitHub said so. */
  public Instant resetsAt() {
    return resetsAt;
  }
}
