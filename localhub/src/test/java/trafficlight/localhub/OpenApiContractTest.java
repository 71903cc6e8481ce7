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
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import trafficlight.contract.Exchange;
import trafficlight.contract.GitHubContract;

/**
 * Every response of a scenario touching every endpoint conforms to GitHub's OpenAPI description:
 * api.github.com's at the root, and GitHub Enterprise Server's (newest ghes-3.x) under {@code
 * /api/v3}.
 */
class OpenApiContractTest {

  /** Where the scenario sends its requests, and the description that judges them. */
  enum Api {
    API_GITHUB_COM(GitHubContract::apiGitHubCom, LocalHub::baseUrl),
    ENTERPRISE_SERVER(GitHubContract::enterpriseServer, LocalHub::enterpriseBaseUrl);

    private final Supplier<GitHubContract> contract;
    private final Function<LocalHub, String> baseUrl;

    Api(Supplier<GitHubContract> contract, Function<LocalHub, String> baseUrl) {
      this.contract = contract;
      this.baseUrl = baseUrl;
    }

    GitHubContract contract() {
      return contract.get();
    }

    String baseUrl(LocalHub hub) {
      return baseUrl.apply(hub);
    }
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void everyResponseConformsToGitHubsDescription(Api api) throws Exception {
    try (LocalHub hub = LocalHub.start()) {
      hub.createRepo("o/r");
      hub.createRepo("o/off", RepoOptions.ISSUES_DISABLED);
      String token = hub.createToken("alice");
      hub.createUser("dave");
      String apiBase = api.baseUrl(hub);
      String base = apiBase + "/repos/o/r";
      Http.post(base + "/issues", token, "{\"title\":\"t\",\"body\":\"b\",\"labels\":[\"x\"]}");
      Http.post(base + "/issues", token, "{\"title\":\"no body\"}");
      hub.createPullRequest("o/r", "pr", "bob");
      Http.patch(base + "/issues/1", token, "{\"state\":\"closed\",\"assignees\":[\"dave\"]}");
      Http.post(base + "/issues/1/comments", token, "{\"body\":\"c\"}");
      Http.post(base + "/issues/2/comments", token, "{\"body\":\"c2\"}");
      Http.get(base + "/issues/1", token);
      String link = Http.get(base + "/issues?state=all&per_page=1", token).header("link");
      Matcher next = Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(String.valueOf(link));
      assertThat(next.find()).as("Link rel=next in %s", link).isTrue();
      assertThat(next.group(1)).startsWith(apiBase + "/repositories/");
      Http.get(next.group(1), token);
      hub.addCollaborator("o/r", "carol");
      hub.addPublicOrgMember("o", "erin");
      hub.addOrgMember("o", "frank");
      for (String login : List.of("o", "erin", "carol", "dave", "frank")) {
        hub.addComment("o/r", 1, login, "by " + login); // every author_association imitated
      }
      hub.grantRole("o/r", "frank", "triage");
      for (String login : List.of("carol", "frank", "erin", "dave", "o", "no-such-user")) {
        Http.get(base + "/collaborators/" + login + "/permission", token);
      }
      Http.get(base + "/issues/1/comments", token);
      long edited = hub.addComment("o/r", 1, "alice", "to be edited");
      Http.patch(base + "/issues/comments/" + edited, token, "{\"body\":\"edited\"}");
      Http.patch(base + "/issues/comments/" + edited, token, "{}");
      Http.patch(base + "/issues/comments/999999", token, "{\"body\":\"x\"}");
      Http.get(base, token);
      Http.get(base, null);
      Http.get(apiBase + "/search/issues?q=repo:o/r", token);
      Http.get(apiBase + "/rate_limit", token);
      Http.get(apiBase + "/user", token);
      Http.get(apiBase + "/user", null);
      String gho = OAuthTokens.issue(hub, "Iv1.c", "sec", "carol");
      String revoke = "{\"access_token\":\"" + gho + "\"}";
      String basic = OAuthTokens.basic("Iv1.c", "sec");
      assertThat(
              Http.send(
                      "DELETE",
                      apiBase + "/applications/Iv1.c/token",
                      null,
                      revoke,
                      "Authorization",
                      basic)
                  .status())
          .isEqualTo(204);
      Http.send(
          "DELETE", apiBase + "/applications/Iv1.c/token", null, revoke, "Authorization", basic);
      Http.post(base + "/issues", token, "{}");
      Http.get(base + "/issues/99", token);
      Http.get(apiBase + "/repos/o/off/issues", token);
      Http.get(base + "/issues", "ghp_bad");
      hub.addTeamMember("o", "release", "alice");
      Http.get(apiBase + "/orgs/o/teams/release/memberships/alice", token);
      Http.get(apiBase + "/orgs/o/teams/release/memberships/dave", token);
      Http.get(apiBase + "/orgs/o/teams/release/memberships/alice", hub.createToken("mallory"));
      Http.get(apiBase + "/orgs/o/teams/release", token);
      Http.get(apiBase + "/orgs/o/teams/relase", token);

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
              Http.post(apiBase + "/app/installations/2/access_tokens", jwt.serialize(), null)
                  .status())
          .isEqualTo(201);

      List<Exchange> exchanges = hub.requests().stream().map(Exchanges::of).toList();
      assertThat(exchanges).hasSizeGreaterThan(15);
      assertThat(exchanges)
          .allSatisfy(
              e ->
                  assertThat(e.path())
                      .startsWith(api == Api.ENTERPRISE_SERVER ? "/api/v3/" : "/")
                      .doesNotStartWith(api == Api.ENTERPRISE_SERVER ? "/api/v3/api/v3" : "/api/"));
      api.contract()
          .validatingRepositoryIdIssuesAsRepoIssues()
          // GitHub sends them; its description omits them (404: an unknown comment's edit)
          .allowingUndocumentedStatus(401, 403, 404, 410)
          .assertConforms(exchanges);
    }
  }
}
