package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Repository webhooks: the hooks API, and deliveries to a real receiving HTTP server. */
class WebhooksTest {
  private static final String SECRET = "It's a Secret to Everybody";
  private static final String GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private LocalHub hub;
  private WebhookReceiver receiver;
  private String token;
  private String repoUrl;

  @BeforeEach
  void start() {
    hub = LocalHub.start();
    receiver = new WebhookReceiver();
    hub.createRepo("o/r");
    token = hub.createToken("alice");
    hub.createToken("carol", "ghp_carol");
    repoUrl = hub.baseUrl() + "/repos/o/r";
  }

  @AfterEach
  void stop() {
    receiver.close();
    hub.close();
  }

  private JsonNode createHook(String contentType, String events) {
    return receiver.createHook(repoUrl, token, contentType, events, SECRET);
  }

  private long createIssueHook() {
    long id = createHook("json", "[\"issues\"]").get("id").asLong();
    awaitOver(id, "ping");
    return id;
  }

  /** Waits until an attempt to deliver {@code event} to the hook is over (and so listed). */
  private WebhookDelivery awaitOver(long hookId, String event) {
    return awaitOver(hub, hookId, event);
  }

  private static WebhookDelivery awaitOver(LocalHub hub, long hookId, String event) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (WebhookDelivery d : hub.deliveries("o/r")) {
        if (d.hookId() == hookId && d.event().equals(event)) {
          return d;
        }
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("no " + event + " delivery to hook " + hookId + " within 10 s");
  }

  private int openIssue(String title) {
    Http.Response created =
        Http.post(repoUrl + "/issues", token, "{\"title\":\"" + title + "\",\"body\":\"b\"}");
    assertThat(created.status()).isEqualTo(201);
    return created.json().get("number").asInt();
  }

  private static boolean is(WebhookReceiver.Received r, String action) {
    return "issues".equals(r.event()) && action.equals(r.action());
  }

  @Test
  void hooksAreCreatedListedReadAndDeletedWithTheSecretNeverShown() {
    JsonNode hook = createHook("json", "[\"issues\"]");
    long id = hook.get("id").asLong();
    assertThat(hook.get("type").asText()).isEqualTo("Repository");
    assertThat(hook.get("events")).extracting(JsonNode::asText).containsExactly("issues");
    assertThat(hook.at("/config/url").asText()).isEqualTo(receiver.url());
    assertThat(hook.at("/config/content_type").asText()).isEqualTo("json");
    assertThat(hook.at("/config/secret").asText()).isEqualTo("********");
    assertThat(hook.get("url").asText()).isEqualTo(repoUrl + "/hooks/" + id);

    Http.Response list = Http.get(repoUrl + "/hooks", token);
    assertThat(list.json()).extracting(h -> h.get("id").asLong()).containsExactly(id);
    Http.Response one = Http.get(repoUrl + "/hooks/" + id, token);
    assertThat(one.status()).isEqualTo(200);
    assertThat(list.body() + one.body()).doesNotContain(SECRET);

    assertThat(Http.send("DELETE", repoUrl + "/hooks/" + id, token, null).status()).isEqualTo(204);
    assertThat(Http.get(repoUrl + "/hooks/" + id, token).status()).isEqualTo(404);
    assertThat(Http.get(repoUrl + "/hooks", token).json()).isEmpty();
  }

  @Test
  void badHookSettingsAre422AndAnonymousCallersAre401() {
    Http.Response noUrl = Http.post(repoUrl + "/hooks", token, "{\"config\":{}}");
    assertThat(noUrl.status()).isEqualTo(422);
    assertThat(noUrl.json().at("/errors/0/message").asText()).contains("URL");
    Http.Response badType =
        Http.post(
            repoUrl + "/hooks",
            token,
            "{\"config\":{\"url\":\"" + receiver.url() + "\",\"content_type\":\"xml\"}}");
    assertThat(badType.status()).isEqualTo(422);
    Http.Response anonymous =
        Http.post(repoUrl + "/hooks", null, "{\"config\":{\"url\":\"" + receiver.url() + "\"}}");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(Http.get(repoUrl + "/hooks", token).json()).isEmpty();
  }

  @Test
  void creatingAHookPingsItSigned() {
    long id = createHook("json", "[\"issues\"]").get("id").asLong();

    WebhookReceiver.Received ping = receiver.await(r -> "ping".equals(r.event()), "ping");
    assertThat(ping.header("X-GitHub-Hook-ID")).isEqualTo(String.valueOf(id));
    assertThat(ping.signedWith(SECRET)).isTrue();
    assertThat(ping.signedWith("another secret")).isFalse();
    assertThat(ping.payload().get("hook_id").asLong()).isEqualTo(id);
    assertThat(ping.payload().at("/hook/events/0").asText()).isEqualTo("issues");
    assertThat(ping.payload().at("/repository/full_name").asText()).isEqualTo("o/r");
    assertThat(ping.payload().at("/sender/login").asText()).isEqualTo("alice");
    assertThat(ping.body()).doesNotContain(SECRET);

    assertThat(Http.post(repoUrl + "/hooks/" + id + "/pings", token, null).status()).isEqualTo(204);
    assertThat(receiver.awaitAll(r -> "ping".equals(r.event()), 2, "second ping")).hasSize(2);
  }

  @Test
  void issueEventsCarryGitHubsHeadersSignatureAndPayloadPerAction() {
    long hookId = createIssueHook();
    int n = openIssue("Deploy QA");
    String issue = repoUrl + "/issues/" + n;
    Http.patch(issue, token, "{\"title\":\"Deploy QA now\"}");
    Http.post(issue + "/labels", token, "{\"labels\":[\"promotion\"]}");
    Http.patch(issue, "ghp_carol", "{\"state\":\"closed\",\"state_reason\":\"not_planned\"}");
    Http.patch(issue, token, "{\"state\":\"open\"}");

    WebhookReceiver.Received opened = receiver.await(r -> is(r, "opened"), "opened");
    WebhookReceiver.Received edited = receiver.await(r -> is(r, "edited"), "edited");
    WebhookReceiver.Received labeled = receiver.await(r -> is(r, "labeled"), "labeled");
    WebhookReceiver.Received closed = receiver.await(r -> is(r, "closed"), "closed");
    WebhookReceiver.Received reopened = receiver.await(r -> is(r, "reopened"), "reopened");

    for (WebhookReceiver.Received r : List.of(opened, edited, labeled, closed, reopened)) {
      assertThat(r.signedWith(SECRET)).as(r.summary()).isTrue();
      assertThat(r.header("X-GitHub-Event")).isEqualTo("issues");
      assertThat(r.header("X-GitHub-Hook-ID")).isEqualTo(String.valueOf(hookId));
      assertThat(r.header("X-GitHub-Delivery")).matches(GUID);
      assertThat(r.header("User-Agent")).startsWith("GitHub-Hookshot/");
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      assertThat(r.header("X-Hub-Signature")).matches("sha1=[0-9a-f]{40}");
      assertThat(r.payload().at("/issue/number").asInt()).isEqualTo(n);
      assertThat(r.payload().at("/repository/full_name").asText()).isEqualTo("o/r");
    }
    assertThat(List.of(opened, edited, labeled, closed, reopened))
        .extracting(WebhookReceiver.Received::guid)
        .doesNotHaveDuplicates();

    assertThat(opened.payload().at("/issue/title").asText()).isEqualTo("Deploy QA");
    assertThat(opened.payload().at("/sender/login").asText()).isEqualTo("alice");
    assertThat(edited.payload().at("/changes/title/from").asText()).isEqualTo("Deploy QA");
    assertThat(edited.payload().at("/issue/title").asText()).isEqualTo("Deploy QA now");
    assertThat(labeled.payload().at("/label/name").asText()).isEqualTo("promotion");
    assertThat(closed.payload().at("/issue/state").asText()).isEqualTo("closed");
    assertThat(closed.payload().at("/issue/state_reason").asText()).isEqualTo("not_planned");
    assertThat(closed.payload().at("/sender/login").asText()).isEqualTo("carol");
    assertThat(closed.payload().at("/issue/labels/0/name").asText()).isEqualTo("promotion");
    assertThat(reopened.payload().at("/issue/state").asText()).isEqualTo("open");
  }

  @Test
  void closingThroughTheJavaApiSendsClosedWithItsCloserAndReason() {
    createIssueHook();
    int n = hub.createIssue("o/r", "Deploy QA", null, List.of(), "bot");
    hub.closeIssue("o/r", n, "dave", "completed");

    WebhookReceiver.Received closed = receiver.await(r -> is(r, "closed"), "closed");
    assertThat(closed.payload().at("/sender/login").asText()).isEqualTo("dave");
    assertThat(closed.payload().at("/issue/state_reason").asText()).isEqualTo("completed");
    assertThat(closed.payload().at("/issue/user/login").asText()).isEqualTo("bot");
  }

  @Test
  void deliveriesAreAsynchronousTheApiAnswersBeforeTheReceiverDoes() {
    createIssueHook();
    int n = openIssue("Deploy QA");
    receiver.await(r -> is(r, "opened"), "opened");
    CountDownLatch release = receiver.hold();

    Http.Response close = Http.patch(repoUrl + "/issues/" + n, token, "{\"state\":\"closed\"}");

    assertThat(close.status()).isEqualTo(200);
    receiver.await(r -> is(r, "closed"), "closed");
    // The receiver has the delivery and has not answered it, yet the close was answered.
    assertThat(release.getCount()).isEqualTo(1);
    release.countDown();
  }

  @Test
  void formHooksSendTheUrlEncodedPayloadFieldSignedAsSent() {
    createHook("form", "[\"issues\"]");
    openIssue("Deploy QA");

    WebhookReceiver.Received opened = receiver.await(r -> is(r, "opened"), "opened");
    assertThat(opened.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(opened.body()).startsWith("payload=%7B");
    assertThat(opened.signedWith(SECRET)).isTrue();
    assertThat(opened.payload().at("/issue/title").asText()).isEqualTo("Deploy QA");
  }

  @Test
  void onlySubscribedActiveHooksGetEvents() {
    JsonNode push = createHook("json", "[\"push\"]");
    Http.Response inactive =
        Http.post(
            repoUrl + "/hooks",
            token,
            "{\"active\":false,\"events\":[\"issues\"],\"config\":{\"url\":\""
                + receiver.url()
                + "\",\"content_type\":\"json\"}}");
    assertThat(inactive.status()).isEqualTo(201);
    long issuesHook = createIssueHook();
    awaitOver(push.get("id").asLong(), "ping");
    openIssue("Deploy QA");
    receiver.await(r -> is(r, "opened"), "opened");
    awaitOver(issuesHook, "issues");

    assertThat(receiver.received().stream().filter(r -> is(r, "opened"))).hasSize(1);
    List<WebhookDelivery> pushDeliveries =
        hub.deliveries("o/r").stream().filter(d -> d.hookId() == push.get("id").asLong()).toList();
    assertThat(pushDeliveries).extracting(WebhookDelivery::event).containsExactly("ping");
    assertThat(hub.deliveries("o/r"))
        .filteredOn(d -> d.hookId() == inactive.json().get("id").asLong())
        .isEmpty();
  }

  @Test
  void deliveriesAreListedAndARedeliveryKeepsTheGuid() {
    long hookId = createIssueHook();
    int n = openIssue("Deploy QA");
    Http.patch(repoUrl + "/issues/" + n, token, "{\"state\":\"closed\"}");
    WebhookReceiver.Received closed = receiver.await(r -> is(r, "closed"), "closed");
    String deliveries = repoUrl + "/hooks/" + hookId + "/deliveries";

    JsonNode item = awaitDelivery(deliveries, closed.guid(), false);
    assertThat(item.get("event").asText()).isEqualTo("issues");
    assertThat(item.get("action").asText()).isEqualTo("closed");
    assertThat(item.get("status_code").asInt()).isEqualTo(200);
    assertThat(item.get("status").asText()).isEqualTo("OK");
    assertThat(item.get("redelivery").asBoolean()).isFalse();

    JsonNode detail = Http.get(deliveries + "/" + item.get("id").asLong(), token).json();
    assertThat(detail.at("/request/payload/action").asText()).isEqualTo("closed");
    assertThat(detail.at("/request/headers/X-GitHub-Delivery").asText()).isEqualTo(closed.guid());
    assertThat(detail.at("/response/payload").asText()).isEmpty();
    assertThat(detail.at("/response/headers").isObject()).isTrue();
    assertThat(detail.toString()).doesNotContain(SECRET);

    Http.Response attempt =
        Http.post(deliveries + "/" + item.get("id").asLong() + "/attempts", token, null);
    assertThat(attempt.status()).isEqualTo(202);

    List<WebhookReceiver.Received> both =
        receiver.awaitAll(r -> is(r, "closed"), 2, "the redelivery");
    assertThat(both).extracting(WebhookReceiver.Received::guid).containsOnly(closed.guid());
    assertThat(both.get(1).body()).isEqualTo(closed.body());
    JsonNode again = awaitDelivery(deliveries, closed.guid(), true);
    assertThat(again.get("id").asLong()).isNotEqualTo(item.get("id").asLong());
  }

  @Test
  void failedDeliveriesAreListedAsFailures() {
    long hookId = createIssueHook();
    receiver.respondWith(500);
    openIssue("Deploy QA");
    WebhookReceiver.Received opened = receiver.await(r -> is(r, "opened"), "opened");
    String deliveries = repoUrl + "/hooks/" + hookId + "/deliveries";

    JsonNode item = awaitDelivery(deliveries, opened.guid(), false);
    assertThat(item.get("status_code").asInt()).isEqualTo(500);
    assertThat(item.get("status").asText()).isEqualTo("Invalid HTTP Response: 500");
    assertThat(Http.get(deliveries + "?status=failure", token).json())
        .extracting(d -> d.get("guid").asText())
        .containsExactly(opened.guid());
    assertThat(
            Http.get(repoUrl + "/hooks/" + hookId, token).json().at("/last_response/code").asInt())
        .isEqualTo(500);
  }

  @Test
  void deliveriesPageWithACursor() {
    long hookId = createIssueHook();
    for (int i = 0; i < 3; i++) {
      openIssue("Deploy " + i);
    }
    receiver.awaitAll(r -> is(r, "opened"), 3, "three opened");
    String deliveries = repoUrl + "/hooks/" + hookId + "/deliveries";
    awaitCount(deliveries, 4); // the ping and three opened

    Http.Response first = Http.get(deliveries + "?per_page=3", token);
    assertThat(first.json()).hasSize(3);
    String link = first.header("link");
    assertThat(link).contains("rel=\"next\"").contains("cursor=");
    String next = link.substring(1, link.indexOf('>'));
    JsonNode second = Http.get(next, token).json();
    assertThat(second).hasSize(1);
    assertThat(second.get(0).get("event").asText()).isEqualTo("ping");
  }

  @Test
  void aDroppedDeliveryIsListedAsFailedSendsNothingAndCanBeRedelivered() {
    long hookId = createIssueHook();
    hub.inject(DeliveryFault.on("issues", "closed").policy(new DeliveryFaultPolicy.Drop()));
    int n = openIssue("Deploy QA");
    Http.patch(repoUrl + "/issues/" + n, token, "{\"state\":\"closed\"}");
    String deliveries = repoUrl + "/hooks/" + hookId + "/deliveries";

    JsonNode failed = awaitAction(deliveries, "closed");
    assertThat(failed.get("status_code").asInt()).isZero();
    assertThat(failed.get("status").asText()).isEqualTo("failed to connect to host");
    assertThat(hub.pendingDeliveryFaults()).isEmpty();
    // A later event goes through; the dropped one never arrived.
    Http.post(repoUrl + "/issues/" + n + "/labels", token, "{\"labels\":[\"x\"]}");
    receiver.await(r -> is(r, "labeled"), "labeled");
    assertThat(receiver.received()).noneMatch(r -> is(r, "closed"));

    Http.post(deliveries + "/" + failed.get("id").asLong() + "/attempts", token, null);
    WebhookReceiver.Received redelivered = receiver.await(r -> is(r, "closed"), "redelivered");
    assertThat(redelivered.guid()).isEqualTo(failed.get("guid").asText());
    assertThat(redelivered.signedWith(SECRET)).isTrue();
  }

  @Test
  void aDelayedDeliveryArrivesLateAndIsOvertaken() {
    createIssueHook();
    hub.inject(
        DeliveryFault.on("issues", "closed")
            .policy(new DeliveryFaultPolicy.Delay(Duration.ofMillis(1500))));
    int n = openIssue("Deploy QA");
    receiver.await(r -> is(r, "opened"), "opened");

    Instant closedAt = Instant.now();
    Http.patch(repoUrl + "/issues/" + n, token, "{\"state\":\"closed\"}");
    Http.post(repoUrl + "/issues/" + n + "/labels", token, "{\"labels\":[\"x\"]}");

    WebhookReceiver.Received closed = receiver.await(r -> is(r, "closed"), "closed");
    WebhookReceiver.Received labeled = receiver.await(r -> is(r, "labeled"), "labeled");
    assertThat(Duration.between(closedAt, closed.at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    assertThat(labeled.at()).isBefore(closed.at());
  }

  @Test
  void theJavaApiCreatesHooksAsTheRepositorysOwner() {
    long id = hub.createHook("o/r", receiver.url(), "form", SECRET, "issues");

    WebhookReceiver.Received ping = receiver.await(r -> "ping".equals(r.event()), "ping");
    assertThat(ping.header("X-GitHub-Hook-ID")).isEqualTo(String.valueOf(id));
    assertThat(ping.payload().at("/sender/login").asText()).isEqualTo("o");
    assertThat(ping.signedWith(SECRET)).isTrue();
    assertThat(Http.get(repoUrl + "/hooks/" + id, token).json().at("/config/content_type").asText())
        .isEqualTo("form");
    assertThatThrownBy(() -> hub.createHook("o/r", "ftp://example.com/", "json", null))
        .hasMessageContaining("http or https");
    assertThatThrownBy(() -> hub.createHook("o/r", receiver.url(), "xml", null))
        .hasMessageContaining("json or form");
  }

  @Test
  void deliveriesAreDatedOnTheHubsClock() {
    Instant now = Instant.parse("2024-05-01T10:00:00Z");
    try (LocalHub fixed = LocalHub.builder().clock(MovableClock.fixed(now)).start()) {
      fixed.createRepo("o/r");
      String adminToken = fixed.createToken("alice");
      long id = fixed.createHook("o/r", receiver.url(), "json", SECRET, "issues");
      receiver.await(r -> "ping".equals(r.event()), "ping");
      String deliveries = fixed.baseUrl() + "/repos/o/r/hooks/" + id + "/deliveries";
      awaitOver(fixed, id, "ping");

      assertThat(fixed.deliveries("o/r"))
          .extracting(WebhookDelivery::deliveredAt)
          .containsExactly(now);
      assertThat(Http.get(deliveries, adminToken).json().get(0).get("delivered_at").asText())
          .isEqualTo("2024-05-01T10:00:00Z");
    }
  }

  @Test
  void deliveryFaultsThroughTheAdminApi() {
    String faults = hub.baseUrl() + "/_localhub/delivery-faults";
    Http.Response added =
        Http.post(
            faults,
            null,
            "{\"event\":\"issues\",\"action\":\"closed\",\"times\":2,\"policy\":{\"type\":\"Drop\"}}");
    assertThat(added.status()).isEqualTo(201);
    assertThat(Http.get(faults, null).json().get(0).asText())
        .isEqualTo("DeliveryFault[issues.closed x2 Drop[]]");
    Http.Response bad = Http.post(faults, null, "{\"policy\":{\"type\":\"Explode\"}}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().get("message").asText()).contains("Explode").contains("Drop or Delay");
    assertThat(Http.send("DELETE", faults, null, null).status()).isEqualTo(204);
    assertThat(hub.pendingDeliveryFaults()).isEmpty();
  }

  /** Polls the deliveries list (attempts appear once over) for one with the GUID. */
  private JsonNode awaitDelivery(String deliveries, String guid, boolean redelivery) {
    return awaitListed(
        deliveries,
        d -> d.get("guid").asText().equals(guid) && d.get("redelivery").asBoolean() == redelivery,
        "delivery " + guid);
  }

  private JsonNode awaitAction(String deliveries, String action) {
    return awaitListed(deliveries, d -> action.equals(d.path("action").asText()), action);
  }

  private void awaitCount(String deliveries, int count) {
    awaitListed(deliveries + "?per_page=100", d -> true, count + " deliveries", count);
  }

  private JsonNode awaitListed(
      String url, java.util.function.Predicate<JsonNode> wanted, String what) {
    return awaitListed(url, wanted, what, 1);
  }

  private JsonNode awaitListed(
      String url, java.util.function.Predicate<JsonNode> wanted, String what, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonNode list = null;
    while (System.nanoTime() < deadline) {
      list = Http.get(url, token).json();
      List<JsonNode> matching = new java.util.ArrayList<>();
      list.forEach(
          d -> {
            if (wanted.test(d)) {
              matching.add(d);
            }
          });
      if (matching.size() >= count) {
        return matching.get(0);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("no " + what + " listed within 10 s; last list: " + list);
  }
}
