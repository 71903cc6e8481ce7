package trafficlight.localhub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Gets a user token through the hub's OAuth web flow, for tests of what such a token does. */
final class OAuthTokens {
  private OAuthTokens() {}

  /** Registers an App (callback {@code http://127.0.0.1/cb}), signs in as {@code login}. */
  static String issue(LocalHub hub, String clientId, String secret, String login) {
    hub.registerOAuthApp(clientId, secret, "http://127.0.0.1/cb");
    hub.createUser(login);
    Http.Response redirect =
        Http.send(
            "POST",
            hub.baseUrl() + "/login/oauth/authorize",
            null,
            "client_id=" + clientId + "&state=s&login=" + login,
            "Content-Type",
            "application/x-www-form-urlencoded");
    String code =
        OAuthForm.decode(URI.create(redirect.header("location")).getRawQuery()).get("code");
    return Http.send(
            "POST",
            hub.baseUrl() + "/login/oauth/access_token",
            null,
            "client_id=" + clientId + "&client_secret=" + secret + "&code=" + code,
            "Content-Type",
            "application/x-www-form-urlencoded",
            "Accept",
            "application/json")
        .json()
        .get("access_token")
        .asText();
  }

  static String basic(String clientId, String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }
}
