package trafficlight.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static trafficlight.contract.Fixtures.get;
import static trafficlight.contract.Fixtures.send;
import static trafficlight.contract.Fixtures.text;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Realistic GitHub exchanges conform, on api.github.com and on GHES (with the /api/v3 base). */
class KnownGoodExchangesTest {

  static List<Exchange> goodExchanges() {
    return List.of(
        get("/repos/octo-org/deploys", null, 200, text("repository.json")),
        get("/repos/octo-org/deploys/issues/42", null, 200, text("issue-open.json")),
        get("/repos/octo-org/deploys/issues/1347", null, 200, text("issue.json")),
        get(
            "/repos/octo-org/deploys/issues",
            "state=all&labels=trafficlight%2Cdeploy&since=2025-11-20T00%3A00%3A00Z&per_page=2&page=2",
            200,
            text("issues-list.json")),
        get("/repos/octo-org/deploys/issues/42", null, 404, text("error-not-found.json")),
        new Exchange(
            "GET",
            "/repos/octo-org/deploys/issues/42",
            null,
            Map.of("If-None-Match", List.of("W/\"abc\"")),
            null,
            304,
            Map.of(),
            null),
        send(
            "POST",
            "/repos/octo-org/deploys/issues",
            "{\"title\":\"Hold deploys\",\"body\":\"red\",\"labels\":[\"trafficlight\"]}",
            201,
            text("issue-open.json")),
        send(
            "POST",
            "/repos/octo-org/deploys/issues",
            "{\"title\":\"\",\"labels\":[\"trafficlight\"]}",
            422,
            text("error-validation.json")),
        send(
            "PATCH",
            "/repos/octo-org/deploys/issues/42",
            "{\"state\":\"closed\",\"state_reason\":\"completed\"}",
            200,
            text("issue-open.json")),
        get("/repos/octo-org/deploys/issues/42/comments", "per_page=100", 200, "[]"),
        send(
            "POST",
            "/repos/octo-org/deploys/issues/42/comments",
            "{\"body\":\"Deploy of build 117 held: light is red.\"}",
            201,
            text("comment-new.json")),
        get(
            "/search/issues",
            "q=repo%3Aocto-org%2Fdeploys+is%3Aissue+label%3Atrafficlight&per_page=1",
            200,
            "{\"total_count\":0,\"incomplete_results\":false,\"search_type\":\"lexical\",\"items\":[]}"),
        get("/rate_limit", null, 200, text("rate-limit.json")),
        send(
            "POST",
            "/app/installations/4242/access_tokens",
            null,
            201,
            text("installation-token-min.json")),
        send(
            "POST",
            "/app/installations/4242/access_tokens",
            "{\"repositories\":[\"deploys\"],\"permissions\":{\"issues\":\"write\"}}",
            201,
            text("installation-token.json")),
        // GitHub's own examples from the description, and the shapes around them
        get("/repos/octocat/Hello-World/commits/6dcb09b", null, 200, text("commit.json")),
        get("/repos/octocat/Hello-World/commits/heads/main", null, 200, text("commit.json")),
        get(
            "/repos/octocat/Hello-World/commits/6dcb09b",
            null,
            200,
            Fixtures.mutated(
                "commit.json",
                o -> {
                  o.putNull("author");
                  o.putObject("committer");
                })),
        get(
            "/repos/octocat/Hello-World/compare/main...feature/x",
            "per_page=1&page=2",
            200,
            text("commit-comparison.json")),
        send(
            "POST",
            "/repos/octocat/example/deployments",
            "{\"ref\":\"a84d88e\",\"environment\":\"QA\",\"production_environment\":false,"
                + "\"auto_merge\":false,\"required_contexts\":[],\"description\":\"deploy-qa #2\"}",
            201,
            text("deployment.json")),
        get(
            "/repos/octocat/example/deployments",
            "environment=QA&per_page=100",
            200,
            "[" + text("deployment.json") + "]"),
        send(
            "POST",
            "/repos/octocat/example/deployments/1/statuses",
            "{\"state\":\"success\",\"log_url\":\"https://ci.example.com/builds/2\"}",
            201,
            text("deployment-status.json")),
        get(
            "/repos/octocat/example/deployments/1/statuses",
            "per_page=100",
            200,
            "[" + text("deployment-status.json") + "]"));
  }

  static Stream<Arguments> apiGitHubCom() {
    return goodExchanges().stream().map(e -> Arguments.of(e.describe(), e));
  }

  static Stream<Arguments> enterprise() {
    return goodExchanges().stream()
        .map(e -> e.underPrefix("/api/v3"))
        .map(e -> Arguments.of(e.describe(), e));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apiGitHubCom")
  void conformsToApiGitHubCom(String name, Exchange e) {
    GitHubContract.apiGitHubCom().assertConforms(e);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("enterprise")
  void conformsToEnterpriseServer(String name, Exchange e) {
    GitHubContract.enterpriseServer().assertConforms(e);
  }

  @org.junit.jupiter.api.Test
  void allAtOnce() {
    GitHubContract.apiGitHubCom().assertConforms(goodExchanges());
    assertThat(GitHubContract.apiGitHubCom().requestViolations(goodExchanges().get(0))).isEmpty();
  }
}
