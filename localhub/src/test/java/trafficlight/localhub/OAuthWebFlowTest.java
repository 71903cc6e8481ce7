package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OAuth web application flow on the web host, as GitHub documents it: the authorize page, the
 * redirect with {@code code} and {@code state}, the code exchange and its errors, and a token that
 * acts as the person who signed in.
 */
class OAuthWebFlowTest {
  static final String CALLBACK = "http://127.0.0.1:9/board/oauth/callback";

  LocalHub hub;

  @BeforeEach
  void start() {
    hub = LocalHub.start();
    hub.createRepo("acme/gates");
    hub.createUser("alice");
    hub.registerOAuthApp("Iv1.board", "s3cret", "http://127.0.0.1:9/board");
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  Http.Response authorizePage(String clientId, String redirectUri) {
    return Http.get(
        hub.baseUrl()
            + "/login/oauth/authorize?client_id="
            + enc(clientId)
            + "&redirect_uri="
            + enc(redirectUri)
            + "&state=st4te&scope=repo",
        null);
  }

  Http.Response submit(String login, String redirectUri) {
    return Http.send(
        "POST",
        hub.baseUrl() + "/login/oauth/authorize",
        null,
        "client_id=Iv1.board&redirect_uri="
            + enc(redirectUri)
            + "&state=st4te&scope=repo&login="
            + enc(login),
        "Content-Type",
        "application/x-www-form-urlencoded");
  }

  /** Signs in as {@code login}; returns the code from the redirect. */
  String code(String login) {
    Http.Response redirect = submit(login, CALLBACK);
    assertThat(redirect.status()).isEqualTo(302);
    Map<String, String> q = OAuthForm.decode(URI.create(redirect.header("location")).getRawQuery());
    assertThat(q.get("state")).isEqualTo("st4te");
    assertThat(q.get("code")).matches("[0-9a-f]{20}");
    return q.get("code");
  }

  Http.Response exchange(String body, String accept) {
    return Http.send(
        "POST",
        hub.baseUrl() + "/login/oauth/access_token",
        null,
        body,
        "Content-Type",
        "application/x-www-form-urlencoded",
        "Accept",
        accept);
  }

  static String form(String secret, String code, String redirectUri) {
    return "client_id=Iv1.board&client_secret="
        + enc(secret)
        + "&code="
        + enc(code)
        + "&redirect_uri="
        + enc(redirectUri);
  }

  @Test
  void theAuthorizePageAsksForALoginAndRedirectsWithACodeAndTheState() {
    Http.Response page = authorizePage("Iv1.board", CALLBACK);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("content-type")).startsWith("text/html");
    assertThat(page.body())
        .contains("name=\"login\"")
        .contains("id=\"authorize\"")
        .contains("value=\"st4te\"");

    Http.Response redirect = submit("Alice", CALLBACK);
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.header("location"))
        .startsWith(CALLBACK + "?code=")
        .endsWith("&state=st4te");
  }

  @Test
  void unknownClientsAndUsersGetErrorPagesAndForeignRedirectsAreRefused() {
    assertThat(authorizePage("Iv1.nobody", CALLBACK).status()).isEqualTo(404);
    Http.Response unknownUser = submit("mallory", CALLBACK);
    assertThat(unknownUser.status()).isEqualTo(401);
    assertThat(unknownUser.body()).contains("Incorrect username or password.");

    Http.Response foreign = authorizePage("Iv1.board", "https://evil.example/board");
    assertThat(foreign.status()).isEqualTo(302);
    assertThat(foreign.header("location"))
        .startsWith("http://127.0.0.1:9/board?error=redirect_uri_mismatch&")
        .contains("state=st4te")
        .doesNotContain("code=");
    assertThat(authorizePage("Iv1.board", "http://127.0.0.1:9/boardroom").status())
        .as("a sibling path is not under the callback")
        .isEqualTo(302);
    assertThat(submit("alice", "http://127.0.0.1:9/boardroom").header("location"))
        .contains("error=redirect_uri_mismatch");
  }

  @Test
  void aCodeBuysOneTokenThatActsAsThePerson() {
    Http.Response answer = exchange(form("s3cret", code("alice"), CALLBACK), "application/json");
    assertThat(answer.status()).isEqualTo(200);
    JsonNode json = answer.json();
    assertThat(json.get("token_type").asText()).isEqualTo("bearer");
    assertThat(json.get("scope").asText()).isEqualTo("repo");
    String token = json.get("access_token").asText();
    assertThat(token).startsWith("gho_");

    Http.Response user = Http.get(hub.baseUrl() + "/user", token);
    assertThat(user.status()).isEqualTo(200);
    assertThat(user.json().get("login").asText()).isEqualTo("alice");
    assertThat(Http.get(hub.enterpriseBaseUrl() + "/user", token).json().get("login").asText())
        .isEqualTo("alice");
    assertThat(Http.get(hub.baseUrl() + "/user", null).status()).isEqualTo(401);

    int number = hub.createIssue("acme/gates", "gate", null, java.util.List.of(), "ci-bot");
    String issue = hub.baseUrl() + "/repos/acme/gates/issues/" + number;
    Http.post(issue + "/comments", token, "{\"body\":\"promoting\"}");
    Http.patch(issue, token, "{\"state\":\"closed\"}");
    assertThat(Http.get(issue, token).json().get("closed_by").get("login").asText())
        .isEqualTo("alice");
    assertThat(Http.get(issue + "/comments", token).json().get(0).get("user").get("login").asText())
        .isEqualTo("alice");
  }

  @Test
  void theAnswerIsFormEncodedUnlessJsonIsAccepted() {
    Http.Response answer = exchange(form("s3cret", code("alice"), CALLBACK), "*/*");
    assertThat(answer.header("content-type")).startsWith("application/x-www-form-urlencoded");
    Map<String, String> fields = OAuthForm.decode(answer.body());
    assertThat(fields.get("access_token")).startsWith("gho_");
    assertThat(fields.get("token_type")).isEqualTo("bearer");

    String json =
        "{\"client_id\":\"Iv1.board\",\"client_secret\":\"s3cret\",\"code\":\""
            + code("alice")
            + "\"}";
    Http.Response fromJson =
        Http.send(
            "POST",
            hub.baseUrl() + "/login/oauth/access_token",
            null,
            json,
            "Content-Type",
            "application/json",
            "Accept",
            "application/json");
    assertThat(fromJson.json().get("access_token").asText()).startsWith("gho_");
  }

  @Test
  void codesAreSingleUseAndExpireAndCredentialsAndRedirectMustMatch() {
    String code = code("alice");
    assertThat(error(exchange(form("wrong", code, CALLBACK), "application/json")))
        .isEqualTo("incorrect_client_credentials");
    assertThat(error(exchange(form("s3cret", code, CALLBACK + "/elsewhere"), "application/json")))
        .isEqualTo("redirect_uri_mismatch");
    assertThat(
            exchange(form("s3cret", code, CALLBACK), "application/json").json().has("access_token"))
        .isTrue();
    Http.Response again = exchange(form("s3cret", code, CALLBACK), "application/json");
    assertThat(again.status()).isEqualTo(200);
    assertThat(error(again)).isEqualTo("bad_verification_code");
    assertThat(again.json().get("error_description").asText())
        .isEqualTo("The code passed is incorrect or expired.");
    assertThat(again.json().get("error_uri").asText()).startsWith("https://docs.github.com/");

    String late = code("alice");
    hub.clock().advance(OAuthApps.CODE_LIFETIME.plus(Duration.ofSeconds(1)));
    assertThat(error(exchange(form("s3cret", late, CALLBACK), "application/json")))
        .isEqualTo("bad_verification_code");
  }

  @Test
  void theAppRevokesATokenItWasIssuedAndTheTokenStopsWorking() {
    String token = OAuthTokens.issue(hub, "Iv1.rev", "rs", "alice");
    String other = OAuthTokens.issue(hub, "Iv1.other", "os", "alice");
    String url = hub.baseUrl() + "/applications/Iv1.rev/token";
    String body = "{\"access_token\":\"" + token + "\"}";
    assertThat(
            Http.send("DELETE", url, null, body, "Authorization", OAuthTokens.basic("Iv1.rev", "x"))
                .status())
        .isEqualTo(401);
    assertThat(
            Http.send(
                    "DELETE",
                    url,
                    null,
                    "{\"access_token\":\"" + other + "\"}",
                    "Authorization",
                    OAuthTokens.basic("Iv1.rev", "rs"))
                .status())
        .as("another App's token")
        .isEqualTo(422);
    assertThat(Http.get(hub.baseUrl() + "/user", token).status()).isEqualTo(200);
    assertThat(
            Http.send(
                    "DELETE", url, null, body, "Authorization", OAuthTokens.basic("Iv1.rev", "rs"))
                .status())
        .isEqualTo(204);
    assertThat(Http.get(hub.baseUrl() + "/user", token).status()).isEqualTo(401);
    assertThat(Http.get(hub.baseUrl() + "/user", other).status()).isEqualTo(200);
  }

  @Test
  void theAdminApiRegistersApps() {
    Http.Response created =
        Http.post(
            hub.baseUrl() + "/_localhub/oauth/apps",
            null,
            "{\"client_id\":\"Iv1.other\",\"client_secret\":\"x\",\"callback_url\":\"http://127.0.0.1/cb\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body()).doesNotContain("\"x\"");
    assertThat(authorizePage("Iv1.other", "http://127.0.0.1:4567/cb/oauth").status())
        .as("a loopback callback registered without a port takes any port")
        .isEqualTo(200);
    assertThat(
            Http.post(
                    hub.baseUrl() + "/_localhub/oauth/apps",
                    null,
                    "{\"client_id\":\"Iv1.bad\",\"client_secret\":\"x\",\"callback_url\":\"ftp://x\"}")
                .status())
        .isEqualTo(422);
  }

  static String error(Http.Response response) {
    return response.json().path("error").asText(null);
  }
}
