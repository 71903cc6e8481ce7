package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import trafficlight.contract.Exchange;
import trafficlight.contract.GitHubContract;
import trafficlight.contract.WebhookContract;
import trafficlight.contract.WebhookRequest;

/**
 * Every delivery localhub sends conforms to GitHub's webhook description ({@code
 * @octokit/openapi-webhooks}, api.github.com's and the newest GHES's), in both content types, and
 * every exchange of the hooks API to the REST description ({@code @octokit/openapi}), at the root
 * and under {@code /api/v3}.
 */
class WebhookContractTest {
  private static final String SECRET = "s3cret";

  private final LocalHub hub = LocalHub.start();
  private final WebhookReceiver receiver = new WebhookReceiver();
  private String token;

  @BeforeEach
  void createRepo() {
    hub.createRepo("o/r");
    token = hub.createToken("alice");
  }

  @AfterEach
  void stop() {
    receiver.close();
    hub.close();
  }

  @ParameterizedTest(name = "enterprise base URL: {0}")
  @ValueSource(booleans = {false, true})
  void everyDeliveryConformsToGitHubsWebhookDescription(boolean enterprise) {
    hub.createToken("carol", "ghp_carol");
    String repo = (enterprise ? hub.enterpriseBaseUrl() : hub.baseUrl()) + "/repos/o/r";
    for (String contentType : List.of("json", "form")) {
      receiver.createHook(repo, token, contentType, "[\"issues\"]", SECRET);
    }

    String issue = repo + "/issues/1";
    Http.post(repo + "/issues", token, "{\"title\":\"Deploy QA\",\"labels\":[\"gate\"]}");
    Http.patch(issue, token, "{\"title\":\"Deploy QA now\",\"body\":\"text\"}");
    Http.post(issue + "/labels", token, "{\"labels\":[\"promotion\"]}");
    Http.patch(issue, token, "{\"labels\":[\"promotion\"]}");
    Http.patch(issue, "ghp_carol", "{\"state\":\"closed\",\"state_reason\":\"not_planned\"}");
    Http.patch(issue, token, "{\"state\":\"open\"}");
    hub.closeIssue("o/r", 1, "carol");
    hub.createPullRequest("o/r", "a pull request", "bob");

    // 2 pings, then per hook: opened, edited, labeled, unlabeled, closed, reopened, closed.
    List<WebhookReceiver.Received> all = receiver.awaitAll(r -> true, 2 + 2 * 7, "deliveries");
    List<WebhookRequest> requests = all.stream().map(WebhookReceiver.Received::request).toList();
    WebhookContract contract =
        enterprise ? WebhookContract.enterpriseServer() : WebhookContract.apiGitHubCom();
    assertThat(requests.stream().map(contract::webhookName).distinct())
        .containsExactlyInAnyOrder(
            "ping",
            "issues-opened",
            "issues-edited",
            "issues-labeled",
            "issues-unlabeled",
            "issues-closed",
            "issues-reopened");
    assertThat(all)
        .allSatisfy(
            r ->
                assertThat(r.header("X-GitHub-Enterprise-Host"))
                    .isEqualTo(enterprise ? "127.0.0.1:" + hub.port() : null));
    long t0 = System.nanoTime();
    contract.assertConforms(requests);
    System.out.printf(
        Locale.ROOT,
        "webhook contract: %s read in %s, %d deliveries validated in %d ms%n",
        contract.descriptionName(),
        contract.loadTime(),
        requests.size(),
        (System.nanoTime() - t0) / 1_000_000);
  }

  @ParameterizedTest(name = "enterprise base URL: {0}")
  @ValueSource(booleans = {false, true})
  void theHooksApiConformsToGitHubsRestDescriptions(boolean enterprise) {
    String repo = (enterprise ? hub.enterpriseBaseUrl() : hub.baseUrl()) + "/repos/o/r";
    JsonNode hook = receiver.createHook(repo, token, "json", "[\"issues\"]", SECRET);
    long hookId = hook.get("id").asLong();
    assertThat(hook.get("url").asText()).startsWith(repo + "/hooks/");
    Http.post(repo + "/issues", token, "{\"title\":\"Deploy QA\"}");

    String deliveries = repo + "/hooks/" + hookId + "/deliveries";
    JsonNode list = awaitDeliveries(deliveries, token, 2);
    long deliveryId = list.get(0).get("id").asLong();
    Http.get(deliveries + "?per_page=1", token);
    Http.get(deliveries + "?status=success", token);
    Http.get(deliveries + "/" + deliveryId, token);
    assertThat(Http.post(deliveries + "/" + deliveryId + "/attempts", token, null).status())
        .isEqualTo(202);
    Http.post(repo + "/hooks/" + hookId + "/pings", token, null);
    Http.get(repo + "/hooks", token);
    Http.get(repo + "/hooks/" + hookId, token);
    Http.post(repo + "/hooks", token, "{\"config\":{\"content_type\":\"json\"}}");
    Http.send("DELETE", repo + "/hooks/" + hookId, token, null);
    Http.get(repo + "/hooks/" + hookId, token);

    List<Exchange> exchanges =
        hub.requests().stream()
            .filter(r -> r.path().contains("/hooks"))
            .map(Exchanges::of)
            .toList();
    assertThat(exchanges).hasSizeGreaterThanOrEqualTo(12);
    (enterprise ? GitHubContract.enterpriseServer() : GitHubContract.apiGitHubCom())
        .assertConforms(exchanges);
  }

  private static JsonNode awaitDeliveries(String url, String token, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonNode list = Http.get(url, token).json();
    while (list.size() < count && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      list = Http.get(url, token).json();
    }
    assertThat(list).as("deliveries listed").hasSizeGreaterThanOrEqualTo(count);
    return list;
  }
}
