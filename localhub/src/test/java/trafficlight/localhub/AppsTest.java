package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AppsTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static KeyPair appKey;
  private static KeyPair otherKey;
  private static LocalHub hub;
  private static String tokensUrl;

  @BeforeAll
  static void start() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    appKey = generator.generateKeyPair();
    otherKey = generator.generateKeyPair();
    hub = LocalHub.builder().clock(MovableClock.fixed(T0)).start();
    hub.createRepo("o/r");
    hub.createRepo("o/not-installed");
    hub.createRepo("o/private", RepoOptions.PRIVATE);
    hub.registerApp(42, (RSAPublicKey) appKey.getPublic());
    hub.installApp(42, 7, "o/r");
    tokensUrl = hub.baseUrl() + "/app/installations/7/access_tokens";
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @BeforeEach
  void resetClock() {
    hub.clock().set(T0);
  }

  private static String jwt(KeyPair key, Object iss, Instant iat, Instant exp) throws Exception {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder().issueTime(Date.from(iat)).expirationTime(Date.from(exp));
    claims.claim("iss", iss);
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
    jwt.sign(new RSASSASigner(key.getPrivate()));
    return jwt.serialize();
  }

  private static Http.Response exchange(String jwt) {
    return Http.post(tokensUrl, jwt, null);
  }

  @Test
  void validJwtGetsAnInstallationTokenThatWritesAsTheBot() throws Exception {
    Http.Response r = exchange(jwt(appKey, "42", T0.minusSeconds(60), T0.plusSeconds(540)));

    assertThat(r.status()).isEqualTo(201);
    JsonNode body = r.json();
    String token = body.get("token").asText();
    assertThat(token).startsWith("ghs_");
    assertThat(body.get("expires_at").asText()).isEqualTo("2024-05-01T11:00:00Z");
    assertThat(body.get("permissions").get("issues").asText()).isEqualTo("write");
    assertThat(body.get("repository_selection").asText()).isEqualTo("selected");

    Http.Response created =
        Http.post(hub.baseUrl() + "/repos/o/r/issues", token, "{\"title\":\"bot\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("user").get("login").asText()).isEqualTo("app-42[bot]");
    assertThat(created.json().get("user").get("type").asText()).isEqualTo("Bot");

    Http.Response elsewhere =
        Http.post(hub.baseUrl() + "/repos/o/not-installed/issues", token, "{\"title\":\"x\"}");
    assertThat(elsewhere.status()).isEqualTo(403);
    assertThat(elsewhere.json().get("message").asText())
        .isEqualTo("Resource not accessible by integration");
    assertThat(Http.get(hub.baseUrl() + "/repos/o/private", token).status()).isEqualTo(404);
    assertThat(Http.get(hub.baseUrl() + "/repos/o/not-installed/issues", token).status())
        .isEqualTo(200);

    hub.clock().advance(Duration.ofHours(1));
    assertThat(Http.get(hub.baseUrl() + "/repos/o/r/issues", token).status()).isEqualTo(401);
  }

  @Test
  void numericIssuerAccepted() throws Exception {
    assertThat(exchange(jwt(appKey, 42L, T0.minusSeconds(60), T0.plusSeconds(540))).status())
        .isEqualTo(201);
  }

  @Test
  void expiredJwtRejected() throws Exception {
    Http.Response r = exchange(jwt(appKey, "42", T0.minusSeconds(600), T0.minusSeconds(1)));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("message").asText()).contains("'Expiration time' claim ('exp')");
  }

  @Test
  void issuedInTheFutureRejectedBeyondSkew() throws Exception {
    Http.Response r = exchange(jwt(appKey, "42", T0.plusSeconds(120), T0.plusSeconds(500)));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("message").asText()).contains("'Issued at' claim ('iat')");
    assertThat(exchange(jwt(appKey, "42", T0.plusSeconds(30), T0.plusSeconds(500))).status())
        .isEqualTo(201);
  }

  @Test
  void tooLongLifetimeRejected() throws Exception {
    Http.Response r = exchange(jwt(appKey, "42", T0.minusSeconds(60), T0.plusSeconds(600)));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("message").asText())
        .isEqualTo("'Expiration time' claim ('exp') is too far in the future");
  }

  @Test
  void wrongKeyUnknownAppAndGarbageRejected() throws Exception {
    Http.Response wrongKey =
        exchange(jwt(otherKey, "42", T0.minusSeconds(60), T0.plusSeconds(500)));
    assertThat(wrongKey.status()).isEqualTo(401);
    assertThat(wrongKey.json().get("message").asText())
        .isEqualTo("A JSON web token could not be decoded");
    assertThat(exchange(jwt(appKey, "43", T0.minusSeconds(60), T0.plusSeconds(500))).status())
        .isEqualTo(401);
    assertThat(exchange("not-a-jwt").status()).isEqualTo(401);
    assertThat(exchange(null).status()).isEqualTo(401);
  }

  @Test
  void unknownInstallationIs404() throws Exception {
    Http.Response r =
        Http.post(
            hub.baseUrl() + "/app/installations/8/access_tokens",
            jwt(appKey, "42", T0.minusSeconds(60), T0.plusSeconds(500)),
            null);
    assertThat(r.status()).isEqualTo(404);
    assertThat(hub.requestCount("apps/create-installation-access-token")).isGreaterThanOrEqualTo(1);
  }
}
