package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import trafficlight.contract.Exchange;

/**
 * Every exchange of the code repository endpoints (commits, compare, deployments and their
 * statuses, with their errors) conforms to GitHub's OpenAPI description, on api.github.com and on
 * GitHub Enterprise Server.
 */
class CodeRepositoryContractTest {
  @OnEachApiWithGit
  void everyResponseConformsToGitHubsDescription(
      OpenApiContractTest.Api api, LocalGitRepository git) {
    String first = git.commit("main", "One", "Ann", "ann@example.com", Map.of("a", "1\n"));
    git.commit("main", "Two (#3)", "Bob", "bob@example.com", Map.of("a", "2\n", "d/b", "b\n"));
    git.branch("side", first);
    git.commit("side", "Side", "Carol", "", Map.of("c", "c\n"));
    git.commit("unrelated", "Alone", "Dan", "dan@example.com", Map.of("u", "u"));
    try (LocalHub hub = LocalHub.builder().codeRepository("acme/shop", git.path()).start()) {
      hub.createRepo("acme/plain");
      String token = hub.createToken("ci-bot");
      String base = api.baseUrl(hub) + "/repos/acme/shop";
      Http.get(base + "/commits/main", token);
      Http.get(base + "/commits/" + first.substring(0, 7), token);
      Http.get(base + "/commits/heads/side", token);
      Http.get(base + "/commits/side", token);
      Http.get(base + "/commits/0123456789abcdef0123456789abcdef01234567", token);
      Http.get(api.baseUrl(hub) + "/repos/acme/plain/commits/main", token);
      Http.get(base + "/compare/" + first + "...main", token);
      Http.get(base + "/compare/side...main?per_page=1&page=2", token);
      Http.get(base + "/compare/main...main", token);
      Http.get(base + "/compare/main...unrelated", token);
      Http.get(base + "/compare/main...nope", token);
      String id =
          Http.post(
                  base + "/deployments",
                  token,
                  "{\"ref\":\"main\",\"environment\":\"QA\",\"auto_merge\":false,"
                      + "\"required_contexts\":[],\"production_environment\":false,"
                      + "\"description\":\"deploy-qa #1\"}")
              .json()
              .get("id")
              .asText();
      Http.post(base + "/deployments", token, "{\"ref\":\"nope\"}");
      Http.post(
          base + "/deployments/" + id + "/statuses",
          token,
          "{\"state\":\"success\",\"log_url\":\"https://ci.example.com/b/1\","
              + "\"description\":\"deployed\"}");
      Http.post(base + "/deployments/" + id + "/statuses", token, "{\"state\":\"done\"}");
      Http.get(base + "/deployments?environment=QA", token);
      Http.get(base + "/deployments/" + id + "/statuses", token);
      Http.get(base + "/deployments/999/statuses", token);

      List<Exchange> exchanges = hub.requests().stream().map(Exchanges::of).toList();
      assertThat(exchanges).hasSize(18);
      assertThat(exchanges).extracting(Exchange::status).contains(200, 201, 404, 409, 422);
      api.contract().assertConforms(exchanges);
    }
  }
}
