package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import trafficlight.contract.Exchange;
import trafficlight.contract.NodeSmokeClient;

/**
 * A real third-party client, {@code @octokit/rest} (contract/npm/code-smoke.mjs run by Node),
 * against a code repository on localhub: a commit by prefix, a comparison, a deployment with a
 * status, listed back; every exchange checked against GitHub's OpenAPI description.
 */
class OctokitCodeSmokeTest {
  @OnEachApiWithGit
  void octokitReadsCommitsAndWritesDeployments(
      OpenApiContractTest.Api api, LocalGitRepository git) {
    String base = git.commit("main", "One", "Ann", "ann@example.com", Map.of("a", "1\n"));
    String middle = git.commit("main", "Two", "Bob", "bob@example.com", Map.of("a", "2\n"));
    String head = git.commit("main", "Three (#4)", "Bob", "bob@example.com", Map.of("b", "3"));
    try (LocalHub hub = LocalHub.builder().codeRepository("acme/shop", git.path()).start()) {
      String token = hub.createToken("ci-bot");
      Map<String, Object> summary =
          new NodeSmokeClient()
              .run(
                  "code-smoke.mjs",
                  api.baseUrl(hub),
                  token,
                  "acme/shop",
                  Map.of("BASE_SHA", base, "HEAD_SHA", head));

      assertThat(summary.get("commit"))
          .isEqualTo(Map.of("sha", head, "message", "Three (#4)", "author", "bob"));
      assertThat(summary.get("comparison"))
          .isEqualTo(
              Map.of(
                  "status",
                  "ahead",
                  "ahead_by",
                  2,
                  "behind_by",
                  0,
                  "merge_base",
                  base,
                  "commits",
                  List.of(middle, head)));
      @SuppressWarnings("unchecked")
      Map<String, Object> deployment = (Map<String, Object>) summary.get("deployment");
      assertThat(deployment).containsEntry("sha", head).containsEntry("environment", "QA");
      assertThat(summary.get("deployments")).isEqualTo(List.of(deployment.get("id")));
      assertThat(summary.get("statuses")).isEqualTo(List.of("success"));

      List<Exchange> exchanges = hub.requests().stream().map(Exchanges::of).toList();
      assertThat(exchanges).hasSize(6);
      api.contract().assertConforms(exchanges);
    }
  }
}
