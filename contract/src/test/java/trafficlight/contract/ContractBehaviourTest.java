package trafficlight.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static trafficlight.contract.Fixtures.get;
import static trafficlight.contract.Fixtures.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractBehaviourTest {

  private static final String ISSUE = "/repos/octo-org/deploys/issues/42";

  /** Prints the load times as a figure; wall-clock limits failed on a loaded machine. */
  @Test
  void loadsOnceFromOctokitsPackage() {
    GitHubContract api = GitHubContract.apiGitHubCom();
    GitHubContract ghes = GitHubContract.enterpriseServer();
    System.out.printf(
        Locale.ROOT,
        "load time: %s %s, %s %s%n",
        api.descriptionName(),
        api.loadTime(),
        ghes.descriptionName(),
        ghes.loadTime());
    assertThat(api.descriptionFile().getFileName()).hasToString("api.github.com.json");
    assertThat(ghes.descriptionFile().getFileName().toString()).matches("ghes-3\\.\\d+\\.json");
    assertThat(api.descriptionFile().toString()).contains("node_modules/@octokit/openapi");
    // cached per JVM: a new instance shares the loaded description
    assertThat(GitHubContract.apiGitHubCom().loadTime()).isEqualTo(api.loadTime());
  }

  @Test
  void trimsToTheUsedOperationsAndWhatTheyReference() throws Exception {
    GitHubContract.Loaded l = loaded(GitHubContract.apiGitHubCom());
    JsonNode paths = l.trimmed.get("paths");
    List<String> ops = new ArrayList<>();
    paths
        .properties()
        .forEach(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> ops.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
    assertThat(ops)
        .containsExactlyInAnyOrderElementsOf(
            l.description.described.stream().map(Object::toString).toList());
    assertThat(l.description.keptComponents)
        .contains("schemas/issue", "schemas/nullable-simple-user", "parameters/per-page")
        .doesNotContain("schemas/release");
    // $refs stay refs
    assertThat(l.description.trimmedJson).contains("\"$ref\":\"#/components/schemas/issue\"");
    assertThat(l.description.trimmedJson.length()).isLessThan(1_000_000);
  }

  @Test
  void repositoryIdIssuesIsNotInTheDescriptionAndSaysSo() {
    GitHubContract api = GitHubContract.apiGitHubCom();
    assertThat(api.undescribedOperations()).contains(UsedOperations.LIST_ISSUES_BY_REPOSITORY_ID);
    Exchange e = get("/repositories/1296269/issues", "page=2", 200, text("issues-list.json"));
    assertThat(api.requestViolations(e))
        .singleElement()
        .asString()
        .contains("not in GitHub's description");
    assertThat(api.responseViolations(e))
        .singleElement()
        .asString()
        .contains("cannot be validated");

    GitHubContract byId = api.validatingRepositoryIdIssuesAsRepoIssues();
    byId.assertConforms(e);
    Exchange bad = get("/repositories/1296269/issues", "state=bogus", 200, "{}");
    assertThat(byId.requestViolations(bad)).anyMatch(v -> v.contains("bogus"));
    assertThat(byId.responseViolations(bad)).anyMatch(v -> v.contains("schema.type"));
  }

  @Test
  void unusedAndUnknownPathsAreViolations() {
    GitHubContract api = GitHubContract.apiGitHubCom();
    assertThat(api.requestViolations(get("/repos/o/r/labels", null, 200, "[]")))
        .singleElement()
        .asString()
        .contains("is in the description but not in trafficlight.contract.UsedOperations");
    assertThat(api.requestViolations(get("/repos/o/r/isues", null, 200, "[]")))
        .singleElement()
        .asString()
        .contains("not in GitHub's description");
  }

  @Test
  void undocumentedStatusFailsUnlessAllowed() {
    Exchange badGateway =
        new Exchange(
            "GET",
            ISSUE,
            null,
            Map.of(),
            null,
            502,
            Map.of("Content-Type", List.of("text/html")),
            "<html>502</html>");
    GitHubContract api = GitHubContract.apiGitHubCom();
    assertThat(api.responseViolations(badGateway))
        .anyMatch(v -> v.contains("validation.response.status.unknown"));
    assertThat(api.allowingUndocumentedStatus(502).responseViolations(badGateway)).isEmpty();
    assertThat(api.allowingUndocumentedStatus(429).responseViolations(badGateway)).isNotEmpty();
    assertThat(api.allowingAnyUndocumentedStatus().responseViolations(badGateway)).isEmpty();
    // a documented status is still validated
    Exchange notFound = get(ISSUE, null, 404, "{\"message\":404}");
    assertThat(api.allowingAnyUndocumentedStatus().responseViolations(notFound)).isNotEmpty();
  }

  @Test
  void enterprisePathsNeedTheApiV3Prefix() {
    GitHubContract ghes = GitHubContract.enterpriseServer();
    ghes.assertConforms(get("/api/v3" + ISSUE, null, 200, text("issue-open.json")));
    assertThat(ghes.requestViolations(get(ISSUE, null, 200, text("issue-open.json"))))
        .singleElement()
        .asString()
        .contains("start with /api/v3");
  }

  @Test
  void assertConformsListsEveryViolationWithMethodAndPath() {
    Exchange a = get("/repos/o/r/issues", "state=bogus", 200, "{}");
    Exchange b = get(ISSUE, null, 200, Fixtures.mutated("issue-open.json", o -> o.remove("id")));
    assertThatThrownBy(() -> GitHubContract.apiGitHubCom().assertConforms(List.of(a, b)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("3 violation(s)")
        .hasMessageContaining("GET /repos/o/r/issues?state=bogus -> 200")
        .hasMessageContaining("GET " + ISSUE + " -> 200")
        .hasMessageContaining("bogus")
        .hasMessageContaining("[\"id\"]");
  }

  /**
   * Every JSON response schema and request body schema of every used operation rejects a body of
   * the wrong JSON type: none of them compiles to a schema that checks nothing.
   */
  @Test
  void everyUsedSchemaRejectsSomething() {
    for (GitHubContract c :
        List.of(GitHubContract.apiGitHubCom(), GitHubContract.enterpriseServer())) {
      GitHubContract.Loaded l = loaded(c);
      String prefix = c.descriptionName().startsWith("ghes") ? "/api/v3" : "";
      int checked = 0;
      for (UsedOperations.Operation op : l.description.described) {
        String path = prefix + op.pathTemplate().replaceAll("\\{[^}]+}", "1");
        JsonNode operation =
            l.trimmed
                .path("paths")
                .path(op.pathTemplate())
                .path(op.method().toLowerCase(Locale.ROOT));
        String query = op.pathTemplate().equals("/search/issues") ? "q=x" : null;
        for (var response : operation.path("responses").properties()) {
          JsonNode resolved = resolve(l.trimmed, response.getValue());
          if (!resolved.path("content").has("application/json")
              || !resolved.path("content").path("application/json").has("schema")) {
            continue;
          }
          int status = Integer.parseInt(response.getKey());
          Exchange wrong =
              new Exchange(
                  op.method(),
                  path,
                  query,
                  Map.of(),
                  null,
                  status,
                  Fixtures.JSON_RESPONSE,
                  "\"not the documented body\"");
          assertThat(c.responseViolations(wrong))
              .as(c.descriptionName() + " " + op + " " + status)
              .isNotEmpty();
          checked++;
        }
        if (operation.has("requestBody")) {
          Exchange wrong =
              new Exchange(
                  op.method(),
                  path,
                  query,
                  Fixtures.GITHUB_JSON_REQUEST,
                  "[\"not the documented body\"]",
                  200,
                  Map.of(),
                  null);
          assertThat(c.requestViolations(wrong)).as(c.descriptionName() + " " + op).isNotEmpty();
          checked++;
        }
      }
      assertThat(checked).isGreaterThan(30);
    }
  }

  private static JsonNode resolve(JsonNode root, JsonNode node) {
    while (node.has("$ref")) {
      String[] parts = node.get("$ref").asText().substring(2).split("/");
      JsonNode n = root;
      for (String part : parts) {
        n = n.path(part);
      }
      node = n;
    }
    return node;
  }

  private static GitHubContract.Loaded loaded(GitHubContract c) {
    return c.loaded();
  }
}
