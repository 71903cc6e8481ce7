package trafficlight.github;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How a client tries its requests: over which transport, how often ({@link RetryPolicy}), and to
 * which log each retry is reported before its wait (the operations write their other notes there
 * too).
 */
record Attempts(HttpTransport transport, RetryPolicy policy, Consumer<String> log) {

  /** One attempt: the request sent once. */
  HttpResult send(String method, URI uri, Map<String, String> headers, String body)
      throws IOException {
    return transport.send(method, uri, headers, body);
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
