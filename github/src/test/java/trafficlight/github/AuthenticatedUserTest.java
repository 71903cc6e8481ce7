package trafficlight.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import trafficlight.localhub.LocalHub;

/** {@link GitHubClient#authenticatedLogin} against localhub's {@code GET /user}. */
class AuthenticatedUserTest {

  static GitHubClient client(String base, Credentials credentials) {
    return new GitHubClient(
        GitHubEndpoint.parse(base),
        credentials,
        Duration.ofSeconds(10),
        RetryPolicy.DEFAULT,
        m -> {});
  }

  @Test
  void namesTheTokensUserOnGitHubAndOnEnterpriseServer() {
    try (LocalHub hub = LocalHub.start()) {
      String token = hub.createToken("Carol");
      try (GitHubClient github = client(hub.baseUrl(), new Credentials.Token(token));
          GitHubClient ghes = client(hub.enterpriseBaseUrl(), new Credentials.Token(token))) {
        assertThat(github.authenticatedLogin()).isEqualTo("Carol");
        assertThat(ghes.authenticatedLogin()).isEqualTo("Carol");
      }
      try (GitHubClient unknown = client(hub.baseUrl(), new Credentials.Token("gho_revoked"))) {
        assertThatThrownBy(unknown::authenticatedLogin)
            .isInstanceOf(GitHubException.class)
            .satisfies(e -> assertThat(((GitHubException) e).status()).isEqualTo(401))
            .hasMessageNotContaining("gho_revoked");
      }
    }
  }
}
