package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import trafficlight.contract.Exchange;
import trafficlight.contract.GitHubContract;
import trafficlight.contract.NodeSmokeClient;

/**
 * A real third-party client, {@code @octokit/rest} (contract/npm/smoke.mjs run by Node), against
 * localhub: create, paginate by the Link header, comment, close, list closed since a time. Checks
 * the client's summary, the hub's state, and every exchange against GitHub's OpenAPI description.
 */
class OctokitSmokeTest {

  @ParameterizedTest(name = "enterprise base URL: {0}")
  @ValueSource(booleans = {false, true})
  void octokitRunsTheIssueLifecycleAgainstLocalhub(boolean enterprise) {
    try (LocalHub hub = LocalHub.start()) {
      String repo = "smoke-owner/smoke-repo";
      long repoId = hub.createRepo(repo).id();
      String token = hub.createToken("octo-user");
      String baseUrl = enterprise ? hub.enterpriseBaseUrl() : hub.baseUrl();
      String prefix = enterprise ? "/api/v3" : "";

      Map<String, Object> summary = new NodeSmokeClient().run(baseUrl, token, repo);

      // what the client saw
      assertThat(summary).containsEntry("repo", repo).containsEntry("baseUrl", baseUrl);
      List<Integer> created = numbers(summary.get("created"));
      assertThat(created).containsExactly(1, 2, 3);
      assertThat(numbers(summary.get("listedOpen"))).containsExactlyInAnyOrder(1, 2, 3);
      assertThat(summary).containsEntry("listedOpenPages", 2);
      assertThat(numbers(summary.get("paginatedOpen"))).containsExactlyInAnyOrder(1, 2, 3);
      assertThat(summary).containsEntry("allCreatedListed", true);
      @SuppressWarnings("unchecked")
      Map<String, Object> comment = (Map<String, Object>) summary.get("comment");
      assertThat(comment).containsEntry("issue", 1);
      assertThat((String) comment.get("body")).startsWith("smoke comment ");
      @SuppressWarnings("unchecked")
      Map<String, Object> closed = (Map<String, Object>) summary.get("closed");
      assertThat(closed)
          .containsEntry("number", 1)
          .containsEntry("state", "closed")
          .containsEntry("state_reason", "completed");
      assertThat(closed.get("closed_at")).isNotNull();
      assertThat(numbers(summary.get("closedSince"))).containsExactly(1);
      assertThat(summary).containsEntry("closedIssueListedSince", true);

      // what the hub holds
      List<Issue> issues = hub.issues(repo);
      assertThat(issues).hasSize(3);
      assertThat(issues).allSatisfy(i -> assertThat(i.author()).isEqualTo("octo-user"));
      assertThat(issues)
          .allSatisfy(i -> assertThat(i.labels()).containsExactly("trafficlight-smoke"));
      Issue first = issues.get(0);
      assertThat(first.number()).isEqualTo(1);
      assertThat(first.state()).isEqualTo("closed");
      assertThat(first.stateReason()).isEqualTo("completed");
      assertThat(first.closedBy()).isEqualTo("octo-user");
      assertThat(first.closedAt()).isNotNull();
      assertThat(first.closedAt()).isEqualTo(Instant.parse((String) closed.get("closed_at")));
      assertThat(first.comments()).hasSize(1);
      assertThat(first.comments().get(0).body()).isEqualTo(comment.get("body"));
      assertThat(issues.subList(1, 3))
          .allSatisfy(
              i -> {
                assertThat(i.isOpen()).isTrue();
                assertThat(i.comments()).isEmpty();
                assertThat(i.closedBy()).isNull();
              });

      // what the hub saw: page 1 by /repos/..., page 2 by the Link header's /repositories/{id}
      List<RecordedRequest> requests = hub.requests();
      assertThat(requests).allSatisfy(r -> assertThat(r.status()).isBetween(200, 299));
      assertThat(requests)
          .filteredOn(r -> r.path().equals(prefix + "/repos/" + repo + "/issues") && isGet(r))
          .extracting(RecordedRequest::query)
          .anySatisfy(
              q -> assertThat(q).contains("per_page=2").doesNotContainPattern("(^|&)page="));
      List<RecordedRequest> followed =
          requests.stream()
              .filter(
                  r -> isGet(r) && r.path().equals(prefix + "/repositories/" + repoId + "/issues"))
              .toList();
      assertThat(followed)
          .as("Link rel=next followed by the iterator and by paginate()")
          .hasSizeGreaterThanOrEqualTo(2)
          .allSatisfy(
              r -> assertThat(r.query()).contains("per_page=2").containsPattern("(^|&)page=2"));
      assertThat(requests)
          .filteredOn(r -> r.path().equals(prefix + "/repos/" + repo + "/issues") && isGet(r))
          .first()
          .satisfies(
              r ->
                  assertThat(r.responseHeader("link"))
                      .contains("<" + baseUrl + "/repositories/" + repoId + "/issues?")
                      .contains("rel=\"next\""));
      assertThat(requests)
          .filteredOn(r -> r.method().equals("PATCH"))
          .singleElement()
          .satisfies(
              r ->
                  assertThat(Http.MAPPER.readTree(r.responseBody()).at("/closed_by/login").asText())
                      .isEqualTo("octo-user"));
      assertThat(hub.requestCount("issues/create")).isEqualTo(3);
      assertThat(hub.requestCount("issues/create-comment")).isEqualTo(1);
      assertThat(hub.requestCount("issues/update")).isEqualTo(1);

      // and every exchange is GitHub's (a dropped connection, status 0, has no response to check)
      GitHubContract github =
          (enterprise ? GitHubContract.enterpriseServer() : GitHubContract.apiGitHubCom())
              .validatingRepositoryIdIssuesAsRepoIssues();
      List<String> violations = new ArrayList<>();
      for (RecordedRequest r : requests) {
        Exchange e = Exchanges.of(r);
        github.requestViolations(e).forEach(v -> violations.add(e.describe() + ": " + v));
        if (r.status() != 0) {
          github.responseViolations(e).forEach(v -> violations.add(e.describe() + ": " + v));
        }
      }
      assertThat(violations).as("violations of " + github.descriptionName()).isEmpty();
      assertThat(requests).hasSizeGreaterThanOrEqualTo(10);
    }
  }

  private static boolean isGet(RecordedRequest r) {
    return r.method().equals("GET");
  }

  private static List<Integer> numbers(Object list) {
    assertThat(list).isInstanceOf(List.class);
    return ((List<?>) list).stream().map(n -> ((Number) n).intValue()).toList();
  }
}
