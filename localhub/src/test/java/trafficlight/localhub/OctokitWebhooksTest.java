package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trafficlight.contract.Exchange;
import trafficlight.contract.GitHubContract;
import trafficlight.contract.NodeSmokeClient;

/**
 * Real third-party parts on both ends of localhub's webhooks ({@code contract/npm/webhooks.mjs}):
 * {@code @octokit/rest} creates the hook, pages through its deliveries and redelivers one, and
 * {@code @octokit/webhooks-methods} verifies every delivery's signature.
 */
class OctokitWebhooksTest {

  @Test
  void octokitCreatesAHookAndWebhooksMethodsVerifiesEveryDelivery() {
    try (LocalHub hub = LocalHub.start()) {
      hub.createRepo("o/r");
      String token = hub.createToken("octo-user");

      Map<String, Object> summary =
          new NodeSmokeClient().runWebhooks(hub.baseUrl(), token, "o/r", "a webhook secret");

      List<Map<String, Object>> received = list(summary.get("received"));
      assertThat(received)
          .extracting(r -> r.get("event") + "." + r.get("action"))
          .containsExactlyInAnyOrder(
              "ping.null", "issues.opened", "issues.closed", "issues.closed");
      assertThat(received).allSatisfy(r -> assertThat(r.get("verified")).isEqualTo(true));
      assertThat(received)
          .allSatisfy(r -> assertThat(r.get("verifiedWithAnotherSecret")).isEqualTo(false));
      assertThat(received)
          .allSatisfy(
              r -> {
                assertThat(r.get("hookId")).isEqualTo(String.valueOf(summary.get("hookId")));
                assertThat((String) r.get("userAgent")).startsWith("GitHub-Hookshot/");
              });
      assertThat(received)
          .filteredOn(r -> "closed".equals(r.get("action")))
          .extracting(r -> r.get("guid"))
          .containsOnly(summary.get("redeliveredGuid"));
      assertThat(summary).containsEntry("closedSender", "octo-user");
      assertThat((Integer) summary.get("listedDeliveries")).isEqualTo(3);

      // octokit followed the deliveries' cursor Link, one delivery a page
      assertThat(hub.requests())
          .filteredOn(r -> "repos/list-webhook-deliveries".equals(r.operation()))
          .extracting(RecordedRequest::query)
          .contains("per_page=1")
          .anyMatch(q -> q.contains("cursor=v1_"));
      List<Exchange> exchanges = hub.requests().stream().map(Exchanges::of).toList();
      GitHubContract.apiGitHubCom().assertConforms(exchanges);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }
}
