package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trafficlight.contract.Exchange;
import trafficlight.contract.GitHubContract;

/**
 * Every response of a scenario touching every endpoint conforms to GitHub's OpenAPI description.
 */
class OpenApiContractTest {

  @Test
  void everyResponseConformsToGitHubsDescription() throws Exception {
    try (LocalHub hub = LocalHub.start()) {
      hub.createRepo("o/r");
      hub.createRepo("o/off", RepoOptions.ISSUES_DISABLED);
      String token = hub.createToken("alice");
      hub.createUser("dave");
      String base = hub.baseUrl() + "/repos/o/r";
      Http.post(base + "/issues", token, "{\"title\":\"t\",\"body\":\"b\",\"labels\":[\"x\"]}");
      Http.post(base + "/issues", token, "{\"title\":\"no body\"}");
      hub.createPullRequest("o/r", "pr", "bob");
      Http.patch(base + "/issues/1", token, "{\"state\":\"closed\",\"assignees\":[\"dave\"]}");
      Http.post(base + "/issues/1/comments", token, "{\"body\":\"c\"}");
      Http.post(base + "/issues/2/comments", token, "{\"body\":\"c2\"}");
      Http.get(base + "/issues/1", token);
      Http.get(base + "/issues?state=all&per_page=1", token);
      Http.get(base + "/issues/1/comments", token);
      Http.get(base, token);
      Http.get(base, null);
      Http.get(hub.baseUrl() + "/search/issues?q=repo:o/r", token);
      Http.get(hub.baseUrl() + "/rate_limit", token);
      Http.post(base + "/issues", token, "{}");
      Http.get(base + "/issues/99", token);
      Http.get(hub.baseUrl() + "/repos/o/off/issues", token);
      Http.get(base + "/issues", "ghp_bad");

      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair key = generator.generateKeyPair();
      hub.registerApp(1, (RSAPublicKey) key.getPublic());
      hub.installApp(1, 2, "o/r");
      Instant now = hub.clock().now();
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader(JWSAlgorithm.RS256),
              new JWTClaimsSet.Builder()
                  .issuer("1")
                  .issueTime(Date.from(now.minusSeconds(60)))
                  .expirationTime(Date.from(now.plusSeconds(300)))
                  .build());
      jwt.sign(new RSASSASigner(key.getPrivate()));
      assertThat(
              Http.post(hub.baseUrl() + "/app/installations/2/access_tokens", jwt.serialize(), null)
                  .status())
          .isEqualTo(201);

      List<Exchange> exchanges =
          hub.requests().stream()
              .map(
                  r ->
                      new Exchange(
                          r.method(),
                          r.path(),
                          r.query(),
                          r.headers(),
                          r.body(),
                          r.status(),
                          asLists(r.responseHeaders()),
                          r.responseBody()))
              .toList();
      assertThat(exchanges).hasSizeGreaterThan(15);
      GitHubContract.apiGitHubCom()
          .validatingRepositoryIdIssuesAsRepoIssues()
          .allowingUndocumentedStatus(401, 410) // GitHub sends them; its description omits them
          .assertConforms(exchanges);
    }
  }

  private static Map<String, List<String>> asLists(Map<String, String> headers) {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    headers.forEach((k, v) -> lists.put(k, List.of(v)));
    return lists;
  }
}
