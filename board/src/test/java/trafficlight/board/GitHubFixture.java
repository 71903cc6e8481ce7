package trafficlight.board;

import java.time.Duration;
import trafficlight.github.Credentials;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.ResponseCache;
import trafficlight.github.RetryPolicy;

final class GitHubFixture {
  static final RetryPolicy FAST =
      new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1));

  static GitHubClient client(String baseUrl, String token, ResponseCache cache) {
    return new GitHubClient(
        GitHubEndpoint.parse(baseUrl),
        new Credentials.Token(token),
        Duration.ofSeconds(10),
        FAST,
        m -> {},
        cache);
  }

  private GitHubFixture() {}
}
