package trafficlight.github;

import java.time.Duration;
import java.util.function.Consumer;

/** The clients the tests make: against a local server's base URL, with ten seconds to answer. */
final class Clients {

  private Clients() {}

  static GitHubClient client(
      String baseUrl,
      Credentials credentials,
      RetryPolicy retry,
      Consumer<String> log,
      ResponseCache cache) {
    return new GitHubClient(
        GitHubEndpoint.parse(baseUrl), credentials, Duration.ofSeconds(10), retry, log, cache);
  }

  /** Retries without waiting: {@code attempts} in all, a rate limit waited out up to a limit. */
  static RetryPolicy quick(int attempts, Duration maxRateLimitWait) {
    return new RetryPolicy(attempts, Duration.ofMillis(1), Duration.ofMillis(1), maxRateLimitWait);
  }

  /** A client acting for a token, with the default retries and no cache, that logs nowhere. */
  static GitHubClient withToken(String baseUrl, String token) {
    return client(
        baseUrl, new Credentials.Token(token), RetryPolicy.DEFAULT, m -> {}, ResponseCache.NONE);
  }
}
