package trafficlight.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import trafficlight.localhub.LocalHub;

/** {@link GitHubClient#authenticatedLogin} against localhub's {@code GET /user}. */
class AuthenticatedUserTest {

  @Test
  void namesTheTokensUserOnGitHubAndOnEnterpriseServer() {
    try (LocalHub hub = LocalHub.start()) {
      String token = hub.createToken("Carol");
      try (GitHubClient github = Clients.withToken(hub.baseUrl(), token);
          GitHubClient ghes = Clients.withToken(hub.enterpriseBaseUrl(), token)) {
        assertThat(github.authenticatedLogin()).isEqualTo("Carol");
        assertThat(ghes.authenticatedLogin()).isEqualTo("Carol");
      }
      try (GitHubClient unknown = Clients.withToken(hub.baseUrl(), "gho_revoked")) {
        assertThatThrownBy(unknown::authenticatedLogin)
            .isInstanceOf(GitHubException.class)
            .satisfies(e -> assertThat(((GitHubException) e).status()).isEqualTo(401))
            .hasMessageNotContaining("gho_revoked");
      }
    }
  }
}
