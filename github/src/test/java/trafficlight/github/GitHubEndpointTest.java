package trafficlight.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GitHubEndpointTest {

  @Test
  void trailingSlashesAreDropped() {
    assertThat(GitHubEndpoint.parse("https://ghe.example.com/api/v3//").base())
        .hasToString("https://ghe.example.com/api/v3");
  }

  @Test
  void onlyHttpUrlsWithAHostAreAccepted() {
    for (String bad :
        new String[] {"api.github.com", "ftp://x/y", "https://", "https://h/x?y=1", "::"}) {
      assertThatThrownBy(() -> GitHubEndpoint.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("gh_host must be an API base URL");
    }
  }

  @Test
  void plainHttpIsFlaggedOnlyForOtherMachines() {
    assertThat(GitHubEndpoint.parse("http://127.0.0.1:8080").plainHttpToRemoteHost()).isFalse();
    assertThat(GitHubEndpoint.parse("http://localhost:8080").plainHttpToRemoteHost()).isFalse();
    assertThat(GitHubEndpoint.parse("http://ghe.internal/api/v3").plainHttpToRemoteHost()).isTrue();
    assertThat(GitHubEndpoint.parse("https://ghe.internal/api/v3").plainHttpToRemoteHost())
        .isFalse();
  }

  @Test
  void credentialsNeverFollowALinkToAnotherHost() {
    GitHubEndpoint endpoint = GitHubEndpoint.parse("https://api.github.com");
    assertThat(endpoint.follow("https://api.github.com/repositories/1/issues?page=2"))
        .hasToString("https://api.github.com/repositories/1/issues?page=2");
    assertThatThrownBy(() -> endpoint.follow("https://evil.example.com/repositories/1/issues"))
        .isInstanceOf(GitHubException.class)
        .hasMessageContaining("another host");
  }
}
