package trafficlight.github;

import java.time.Duration;

/**
 * How hard the client tries: reads and idempotent writes are retried on 5xx and connection errors
 * with exponential backoff; a rate limit is waited out only when it lifts within {@code
 * maxRateLimitWait}.
 */
public record RetryPolicy(
    int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration maxRateLimitWait) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(60));

  Duration backoff(int failedAttempts) {
    long millis = firstBackoff.toMillis() << Math.min(failedAttempts - 1, 10);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
