package trafficlight.github;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How a client retries: its {@link RetryPolicy}, and the log that each retry is reported to before
 * its wait (and that the operations write their other notes to).
 */
final class Retries {

  private final RetryPolicy policy;
  private final Consumer<String> log;

  Retries(RetryPolicy policy, Consumer<String> log) {
    this.policy = policy;
    this.log = log;
  }

  Consumer<String> log() {
    return log;
  }

  /** Whether {@code attempt} (counted from 1) is the last the policy allows. */
  boolean isLast(int attempt) {
    return attempt >= policy.maxAttempts();
  }

  /** The wait after {@code failedAttempts} failures. */
  Duration backoff(int failedAttempts) {
    return policy.backoff(failedAttempts);
  }

  /** Whether a rate limit that lifts after {@code wait} is waited out. */
  boolean waitsOut(Duration wait) {
    return wait.compareTo(policy.maxRateLimitWait()) <= 0;
  }

  /** Reports {@code failure} and that attempt {@code attempt + 1} follows, then waits. */
  void retryAfter(Duration wait, String failure, int attempt) {
    log.accept(
        failure
            + "; retrying in "
            + wait.toMillis() / 1000.0
            + " s (attempt "
            + (attempt + 1)
            + " of "
            + policy.maxAttempts()
            + ")");
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitHubException(0, failure + " (interrupted while waiting to retry)");
    }
  }
}
