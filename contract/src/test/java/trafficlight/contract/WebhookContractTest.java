package trafficlight.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static trafficlight.contract.Fixtures.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class WebhookContractTest {
  private static final WebhookContract CONTRACT = WebhookContract.apiGitHubCom();

  /** An issues/closed payload made of the realistic REST fixtures, as GitHub composes it. */
  private static ObjectNode closedPayload() {
    ObjectNode payload = Fixtures.MAPPER.createObjectNode();
    payload.put("action", "closed");
    ObjectNode issue = (ObjectNode) json("issue.json");
    issue.put("state", "closed");
    issue.put("closed_at", "2024-05-01T10:00:00Z");
    issue.put("state_reason", "completed");
    // Webhook issues always carry reactions; the REST fixture has none.
    ObjectNode reactions = issue.putObject("reactions");
    reactions.put("url", issue.get("url").asText() + "/reactions");
    for (String k : List.of("total_count", "+1", "-1", "laugh", "hooray", "confused", "heart")) {
      reactions.put(k, 0);
    }
    reactions.put("rocket", 0).put("eyes", 0);
    payload.set("issue", issue);
    ObjectNode repository = (ObjectNode) json("repository.json");
    repository.remove("template_repository"); // not part of a webhook's repository
    payload.set("repository", repository);
    payload.set("sender", issue.get("user").deepCopy());
    return payload;
  }

  private static Map<String, List<String>> headers(String event, String contentType) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("content-type", List.of(contentType));
    h.put("user-agent", List.of("GitHub-Hookshot/044aadd"));
    h.put("x-github-event", List.of(event));
    h.put("x-github-delivery", List.of("72d3162e-cc78-11e3-81ab-4c9367dc0958"));
    h.put("x-github-hook-id", List.of("292430182"));
    h.put("x-github-hook-installation-target-id", List.of("79929171"));
    h.put("x-github-hook-installation-target-type", List.of("repository"));
    h.put("x-hub-signature-256", List.of("sha256=" + "0a".repeat(32)));
    return h;
  }

  private static WebhookRequest closed(Consumer<ObjectNode> change) {
    ObjectNode payload = closedPayload();
    change.accept(payload);
    return new WebhookRequest(headers("issues", "application/json"), payload.toString());
  }

  @Test
  void aRealisticClosedDeliveryConformsInBothContentTypes() {
    WebhookRequest json = closed(p -> {});
    assertThat(CONTRACT.webhookName(json)).isEqualTo("issues-closed");
    assertThat(CONTRACT.violations(json)).isEmpty();

    String form = "payload=" + URLEncoder.encode(json.body(), StandardCharsets.UTF_8);
    WebhookRequest formDelivery =
        new WebhookRequest(headers("issues", "application/x-www-form-urlencoded"), form);
    assertThat(CONTRACT.violations(formDelivery)).isEmpty();
    assertThat(CONTRACT.descriptionName()).startsWith("api.github.com (@octokit/openapi-webhooks ");
  }

  @Test
  void enterpriseServerDeliveriesNameTheirServer() {
    WebhookContract ghes = WebhookContract.enterpriseServer();
    assertThat(ghes.descriptionName()).matches("ghes-3\\.\\d+ \\(@octokit/openapi-webhooks .*\\)");
    assertThat(ghes.violations(closed(p -> {})))
        .containsExactlyInAnyOrder(
            "issues-closed: required header X-GitHub-Enterprise-Version is missing",
            "issues-closed: required header X-GitHub-Enterprise-Host is missing");

    Map<String, List<String>> headers = headers("issues", "application/json");
    headers.put("x-github-enterprise-version", List.of("3.19.0"));
    headers.put("x-github-enterprise-host", List.of("ghe.example.com"));
    ObjectNode payload = closedPayload();
    assertThat(ghes.violations(new WebhookRequest(headers, payload.toString()))).isEmpty();
    payload.remove("sender");
    assertThat(ghes.violations(new WebhookRequest(headers, payload.toString())))
        .anyMatch(v -> v.contains("sender"));
  }

  @Test
  void payloadsThatDepartFromTheSchemaAreViolations() {
    assertThat(CONTRACT.violations(closed(p -> p.remove("sender"))))
        .singleElement()
        .asString()
        .contains("issues-closed")
        .contains("sender");
    assertThat(CONTRACT.violations(closed(p -> ((ObjectNode) p.get("issue")).put("number", "42"))))
        .anyMatch(v -> v.contains("number"));
    assertThat(
            CONTRACT.violations(
                closed(p -> ((ObjectNode) p.get("issue")).put("created_at", "yesterday"))))
        .anyMatch(v -> v.contains("created_at"));
    assertThat(CONTRACT.violations(closed(p -> p.put("action", "exploded"))))
        .singleElement()
        .asString()
        .contains("not in api.github.com");
  }

  @Test
  void headersAreChecked() {
    Map<String, List<String>> unsigned = headers("issues", "application/json");
    unsigned.remove("x-hub-signature-256");
    unsigned.remove("x-github-hook-id");
    assertThat(CONTRACT.violations(new WebhookRequest(unsigned, closedPayload().toString())))
        .containsExactlyInAnyOrder(
            "issues-closed: required header X-Github-Hook-Id is missing",
            "issues-closed: required header X-Hub-Signature-256 is missing");

    Map<String, List<String>> badSignature = headers("issues", "application/json");
    badSignature.put("x-hub-signature-256", List.of("sha1=abc"));
    assertThat(CONTRACT.violations(new WebhookRequest(badSignature, closedPayload().toString())))
        .singleElement()
        .asString()
        .contains("sha256=<64 lower-case hex digits>");

    assertThat(
            CONTRACT.violations(
                new WebhookRequest(headers("issues", "text/plain"), closedPayload().toString())))
        .singleElement()
        .asString()
        .contains("Content-Type 'text/plain'");
    assertThat(
            CONTRACT.violations(
                new WebhookRequest(headers("issues", "application/x-www-form-urlencoded"), "a=b")))
        .containsExactly("form body has no payload field");
  }

  @Test
  void namesEventsAsTheDescriptionDoes() {
    assertThat(
            CONTRACT.webhookName(
                new WebhookRequest(
                    headers("issue_comment", "application/json"), "{\"action\":\"created\"}")))
        .isEqualTo("issue-comment-created");
    assertThat(
            CONTRACT.webhookName(
                new WebhookRequest(headers("ping", "application/json"), "{\"zen\":\"z\"}")))
        .isEqualTo("ping");
    assertThatThrownBy(() -> CONTRACT.assertConforms(closed(p -> p.remove("repository"))))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("1 violation(s) of GitHub's webhook description")
        .hasMessageContaining("repository");
  }
}
