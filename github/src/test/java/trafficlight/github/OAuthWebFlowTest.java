package trafficlight.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import trafficlight.localhub.LocalHub;

/** {@link OAuthWebFlow} and {@link GitHubEndpoint#webBase()} against localhub's web host. */
class OAuthWebFlowTest {

  @Test
  void theWebHostIsDerivedFromTheApiBase() {
    assertThat(GitHubEndpoint.parse("https://api.github.com").webBase())
        .isEqualTo(URI.create("https://github.com"));
    assertThat(GitHubEndpoint.parse("https://github.example.com/api/v3/").webBase())
        .isEqualTo(URI.create("https://github.example.com"));
    assertThat(GitHubEndpoint.parse("https://api.acme.ghe.com").webBase())
        .isEqualTo(URI.create("https://acme.ghe.com"));
    assertThat(GitHubEndpoint.parse("http://127.0.0.1:8080").webBase())
        .isEqualTo(URI.create("http://127.0.0.1:8080"));
  }

  @Test
  void aCodeFromTheAuthorizePageBuysTheTokenOfThePersonAndOnlyOnce() throws Exception {
    try (LocalHub hub = LocalHub.start()) {
      hub.createUser("carol");
      hub.registerOAuthApp("Iv1.b", "s3cret", "http://127.0.0.1:9/cb");
      URI web = GitHubEndpoint.parse(hub.enterpriseBaseUrl()).webBase();
      OAuthWebFlow flow = new OAuthWebFlow(web, "Iv1.b", "s3cret", Duration.ofSeconds(5));
      URI authorize = flow.authorizeUrl("http://127.0.0.1:9/cb", "st", "repo");
      assertThat(authorize.toString()).startsWith(hub.baseUrl() + "/login/oauth/authorize?");

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> redirect =
          http.send(
              HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/login/oauth/authorize"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(authorize.getRawQuery() + "&login=carol"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String location = redirect.headers().firstValue("location").orElseThrow();
      String code =
          URLDecoder.decode(
              location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);

      String token = flow.exchange(code, "http://127.0.0.1:9/cb");
      try (GitHubClient github = Clients.withToken(hub.enterpriseBaseUrl(), token)) {
        assertThat(github.authenticatedLogin()).isEqualTo("carol");
      }
      flow.revoke(GitHubEndpoint.parse(hub.enterpriseBaseUrl()), token);
      try (GitHubClient revoked = Clients.withToken(hub.baseUrl(), token)) {
        assertThatThrownBy(revoked::authenticatedLogin).hasMessageContaining("401");
      }
      assertThatThrownBy(() -> flow.revoke(GitHubEndpoint.parse(hub.baseUrl()), token))
          .isInstanceOf(OAuthWebFlow.Refused.class)
          .hasMessageContaining("422")
          .hasMessageNotContaining(token);
      assertThatThrownBy(() -> flow.exchange(code, "http://127.0.0.1:9/cb"))
          .isInstanceOf(OAuthWebFlow.Refused.class)
          .hasMessageContaining("bad_verification_code")
          .hasMessageNotContaining(code)
          .hasMessageNotContaining("s3cret");
      OAuthWebFlow wrong = new OAuthWebFlow(web, "Iv1.b", "nope", Duration.ofSeconds(5));
      assertThatThrownBy(() -> wrong.exchange("0000", "http://127.0.0.1:9/cb"))
          .hasMessageContaining("incorrect_client_credentials")
          .hasMessageNotContaining("nope");
      assertThat(flow.toString()).doesNotContain("s3cret");
    }
  }
}
