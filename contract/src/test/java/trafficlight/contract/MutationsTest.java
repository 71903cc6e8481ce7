package trafficlight.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static trafficlight.contract.Fixtures.GITHUB_REQUEST;
import static trafficlight.contract.Fixtures.get;
import static trafficlight.contract.Fixtures.mutated;
import static trafficlight.contract.Fixtures.send;
import static trafficlight.contract.Fixtures.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proof that validation checks: each mutation of a known-good exchange must produce a violation
 * with the expected key, on both descriptions.
 */
class MutationsTest {

  private static final String ISSUE = "/repos/octo-org/deploys/issues/42";
  private static final String ISSUES = "/repos/octo-org/deploys/issues";
  private static final String COMMIT = "/repos/octocat/Hello-World/commits/6dcb09b";
  private static final String COMPARE = "/repos/octocat/Hello-World/compare/main...topic";
  private static final String DEPLOYMENTS = "/repos/octocat/example/deployments";

  static Stream<Arguments> mutations() {
    return Stream.of(
        Arguments.of(
            "issue missing number",
            get(ISSUE, null, 200, mutated("issue-open.json", o -> o.remove("number"))),
            "response: [validation.response.body.schema.required]"),
        Arguments.of(
            "issue state as a number",
            get(ISSUE, null, 200, mutated("issue-open.json", o -> o.put("state", 1))),
            "response: [validation.response.body.schema.type] [Path '/state']"),
        Arguments.of(
            "issue labels as a string",
            get(ISSUE, null, 200, mutated("issue-open.json", o -> o.put("labels", "bug"))),
            "response: [validation.response.body.schema.type] [Path '/labels']"),
        Arguments.of(
            "issue created_at not a date-time",
            get(
                ISSUE,
                null,
                200,
                mutated("issue-open.json", o -> o.put("created_at", "yesterday"))),
            "response: [validation.response.body.schema.format.date-time]"),
        Arguments.of(
            "issue created_at without time zone",
            get(
                ISSUE,
                null,
                200,
                mutated("issue-open.json", o -> o.put("created_at", "2025-11-20T09:15:02"))),
            "response: [validation.response.body.schema.format.date-time]"),
        Arguments.of(
            "issue title null (not nullable)",
            get(ISSUE, null, 200, mutated("issue-open.json", o -> o.putNull("title"))),
            "[Path '/title']"),
        Arguments.of(
            "issue user null is allowed but user as a string is not",
            get(ISSUE, null, 200, mutated("issue-open.json", o -> o.put("user", "octocat"))),
            "[Path '/user']"),
        Arguments.of(
            "issue state_reason outside its enum",
            get(ISSUE, null, 200, mutated("issue-open.json", o -> o.put("state_reason", "done"))),
            "[Path '/state_reason']"),
        Arguments.of(
            "list item missing number",
            get(ISSUES, null, 200, mutated("issues-list.json", o -> o.remove("number"))),
            "[validation.response.body.schema.required] [Path '/0']"),
        Arguments.of(
            "list is an object",
            get(ISSUES, null, 200, text("issue-open.json")),
            "[validation.response.body.schema.type]"),
        Arguments.of(
            "state=bogus query",
            get(ISSUES, "state=bogus", 200, text("issues-list.json")),
            "request: [validation.request.parameter.schema.enum]"),
        Arguments.of(
            "undeclared query parameter",
            get(ISSUES, "status=open", 200, text("issues-list.json")),
            "request: [validation.request.parameter.query.unexpected]"),
        Arguments.of(
            "per_page not an integer",
            get(ISSUES, "per_page=many", 200, text("issues-list.json")),
            "request: [validation.request.parameter.schema.type]"),
        Arguments.of(
            "search without q",
            get("/search/issues", "per_page=1", 200, "{}"),
            "request: [validation.request.parameter.query.missing]"),
        Arguments.of(
            "PATCH state shut",
            send("PATCH", ISSUE, "{\"state\":\"shut\"}", 200, text("issue-open.json")),
            "request: [validation.request.body.schema.enum] [Path '/state']"),
        Arguments.of(
            "PATCH state_reason outside its enum",
            send(
                "PATCH",
                ISSUE,
                "{\"state\":\"closed\",\"state_reason\":\"done\"}",
                200,
                text("issue-open.json")),
            "request: [validation.request.body.schema.enum]"),
        Arguments.of(
            "PATCH response (allOf) missing number",
            send(
                "PATCH",
                ISSUE,
                "{\"state\":\"closed\"}",
                200,
                mutated("issue-open.json", o -> o.remove("number"))),
            "response: [validation.response.body.schema.allOf]"),
        Arguments.of(
            "POST issue without title",
            send("POST", ISSUES, "{\"body\":\"b\"}", 201, text("issue-open.json")),
            "request: [validation.request.body.schema.required]"),
        Arguments.of(
            "POST issue body not JSON",
            send("POST", ISSUES, "title=x", 201, text("issue-open.json")),
            "request: [validation.request.body"),
        Arguments.of(
            "POST issue without a request body",
            send("POST", ISSUES, null, 201, text("issue-open.json")),
            "request: [validation.request.body.missing]"),
        Arguments.of(
            "POST comment without body",
            send("POST", ISSUE + "/comments", "{}", 201, text("comment-new.json")),
            "request: [validation.request.body.schema.required]"),
        Arguments.of(
            "comment missing id",
            send(
                "POST",
                ISSUE + "/comments",
                "{\"body\":\"x\"}",
                201,
                mutated("comment-new.json", o -> o.remove("id"))),
            "response: [validation.response.body.schema.required]"),
        Arguments.of(
            "wrong response content type",
            new Exchange(
                "GET",
                ISSUE,
                null,
                GITHUB_REQUEST,
                null,
                200,
                Map.of("Content-Type", List.of("text/html; charset=utf-8")),
                text("issue-open.json")),
            "response: [validation.response.contentType.notAllowed]"),
        Arguments.of(
            "response body missing",
            get(ISSUE, null, 200, null),
            "response: [validation.response.body.missing]"),
        Arguments.of(
            "response body not JSON",
            get(ISSUE, null, 200, "<html></html>"),
            "response: [validation.response.body.schema.invalidJson]"),
        Arguments.of(
            "undocumented status 502",
            get(ISSUE, null, 502, "<html>bad gateway</html>"),
            "response: [validation.response.status.unknown]"),
        Arguments.of(
            "installation token missing token",
            send(
                "POST",
                "/app/installations/4242/access_tokens",
                null,
                201,
                mutated("installation-token-min.json", o -> o.remove("token"))),
            "response: [validation.response.body.schema.required]"),
        Arguments.of(
            "installation token expires_at not a date-time",
            send(
                "POST",
                "/app/installations/4242/access_tokens",
                null,
                201,
                mutated("installation-token-min.json", o -> o.put("expires_at", 1763722800))),
            "[Path '/expires_at']"),
        Arguments.of(
            "repository missing full_name",
            get(
                "/repos/octo-org/deploys",
                null,
                200,
                mutated("repository.json", o -> o.remove("full_name"))),
            "response: [validation.response.body.schema.required]"),
        Arguments.of(
            "repository private as a string",
            get(
                "/repos/octo-org/deploys",
                null,
                200,
                mutated("repository.json", o -> o.put("private", "false"))),
            "[Path '/private']"),
        Arguments.of(
            "error body message as a number",
            get(ISSUE, null, 404, mutated("error-not-found.json", o -> o.put("message", 404))),
            "[Path '/message']"),
        Arguments.of(
            "rate limit missing resources",
            get("/rate_limit", null, 200, mutated("rate-limit.json", o -> o.remove("resources"))),
            "response: [validation.response.body.schema.required]"),
        Arguments.of(
            "unsupported Accept media type",
            new Exchange(
                "GET",
                ISSUE,
                null,
                Map.of("Accept", List.of("text/html")),
                null,
                200,
                Fixtures.JSON_RESPONSE,
                text("issue-open.json")),
            "request: Accept media type 'text/html'"),
        Arguments.of(
            "commit author as a string",
            get(COMMIT, null, 200, mutated("commit.json", o -> o.put("author", "octocat"))),
            "[Path '/author']"),
        Arguments.of(
            "commit author an object that is neither a user nor empty",
            get(
                COMMIT,
                null,
                200,
                mutated("commit.json", o -> o.putObject("author").put("login", 7))),
            "[Path '/author']"),
        Arguments.of(
            "commit missing sha",
            get(COMMIT, null, 200, mutated("commit.json", o -> o.remove("sha"))),
            "response: [validation.response.body.schema.required]"),
        Arguments.of(
            "comparison status outside its enum",
            get(
                COMPARE,
                null,
                200,
                mutated("commit-comparison.json", o -> o.put("status", "same"))),
            "[Path '/status']"),
        Arguments.of(
            "comparison missing ahead_by",
            get(COMPARE, null, 200, mutated("commit-comparison.json", o -> o.remove("ahead_by"))),
            "response: [validation.response.body.schema.required]"),
        Arguments.of(
            "deployment missing id",
            send(
                "POST",
                DEPLOYMENTS,
                "{\"ref\":\"main\"}",
                201,
                mutated("deployment.json", o -> o.remove("id"))),
            "response: [validation.response.body.schema.required]"),
        Arguments.of(
            "deployment request auto_merge as a string",
            send(
                "POST",
                DEPLOYMENTS,
                "{\"ref\":\"main\",\"auto_merge\":\"no\"}",
                201,
                text("deployment.json")),
            "request: [validation.request.body.schema.type]"),
        Arguments.of(
            "deployment status state outside its enum",
            send(
                "POST",
                DEPLOYMENTS + "/1/statuses",
                "{\"state\":\"done\"}",
                201,
                text("deployment-status.json")),
            "request: [validation.request.body.schema.enum]"),
        Arguments.of(
            "method the description lacks",
            send("DELETE", ISSUE, null, 204, null),
            "not in GitHub's description"));
  }

  @ParameterizedTest(name = "api.github.com: {0}")
  @MethodSource("mutations")
  void caughtByApiGitHubCom(String name, Exchange e, String expected) {
    assertCaught(GitHubContract.apiGitHubCom(), e, expected);
  }

  @ParameterizedTest(name = "ghes: {0}")
  @MethodSource("mutations")
  void caughtByEnterpriseServer(String name, Exchange e, String expected) {
    assertCaught(GitHubContract.enterpriseServer(), e.underPrefix("/api/v3"), expected);
  }

  static void assertCaught(GitHubContract contract, Exchange e, String expected) {
    List<String> all = new ArrayList<>(contract.requestViolations(e));
    all.addAll(contract.responseViolations(e));
    assertThat(all).as("violations of " + e.describe()).anyMatch(v -> v.contains(expected));
  }
}
