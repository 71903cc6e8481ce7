package trafficlight.localhub;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes one delivery attempt the way GitHub does: a POST of the payload (JSON, or {@code
 * payload=<url-encoded JSON>} for form hooks) with GitHub's headers, signed when the hook has a
 * secret, waiting 10 s for the answer. It never throws: every outcome is a {@link WebhookDelivery}.
 */
final class DeliverySender {
  static final String USER_AGENT = "GitHub-Hookshot/localhub";
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final String CONNECT_FAILED = "failed to connect to host";

  /** The newest GHES that the pinned @octokit/openapi and @octokit/openapi-webhooks describe. */
  static final String ENTERPRISE_VERSION = "3.19.0";

  private static final int MAX_RESPONSE_CHARS = 64 * 1024;

  private final MovableClock clock;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** {@code clock} dates the attempts ({@code delivered_at}), as the hub's clock dates the rest. */
  DeliverySender(MovableClock clock) {
    this.clock = clock;
  }

  /** Sends the event to the hook. */
  WebhookDelivery send(long deliveryId, Hook hook, WebhookEvent event, boolean redelivery) {
    String body = body(hook, event);
    Map<String, String> headers = headers(hook, event, body);
    Instant start = clock.now();
    long t0 = System.nanoTime();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(hook.url()))
            .timeout(TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    Answer answer = post(request.build());
    Attempt attempt = new Attempt(start, Duration.ofNanos(System.nanoTime() - t0), headers, body);
    return delivery(deliveryId, hook, event, redelivery, attempt, answer);
  }

  /** The record of an attempt that sent nothing, as if the receiver could not be reached. */
  WebhookDelivery notSent(long deliveryId, Hook hook, WebhookEvent event, boolean redelivery) {
    String body = body(hook, event);
    Attempt attempt = new Attempt(clock.now(), Duration.ZERO, headers(hook, event, body), body);
    return delivery(deliveryId, hook, event, redelivery, attempt, Answer.UNREACHABLE);
  }

  /** What was sent, when, and how long the receiver took to answer. */
  private record Attempt(
      Instant start, Duration duration, Map<String, String> headers, String body) {}

  /** What the receiver answered, or why there was no answer (status 0). */
  private record Answer(int status, String statusText, Map<String, String> headers, String body) {
    static final Answer UNREACHABLE = new Answer(0, CONNECT_FAILED, Map.of(), null);

    static Answer none(String why) {
      return new Answer(0, why, Map.of(), null);
    }
  }

  private Answer post(HttpRequest request) {
    try {
      HttpResponse<String> response =
          client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      int status = response.statusCode();
      return new Answer(
          status,
          status >= 200 && status < 300 ? "OK" : "Invalid HTTP Response: " + status,
          firstValues(response.headers().map()),
          truncate(response.body()));
    } catch (HttpTimeoutException e) {
      return Answer.none("timed out");
    } catch (IOException | IllegalArgumentException e) {
      return Answer.UNREACHABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.UNREACHABLE;
    }
  }

  private static WebhookDelivery delivery(
      long deliveryId,
      Hook hook,
      WebhookEvent event,
      boolean redelivery,
      Attempt attempt,
      Answer answer) {
    return new WebhookDelivery(
        deliveryId,
        event.guid(),
        hook.id(),
        event.repositoryId(),
        event.name(),
        event.action(),
        redelivery,
        attempt.start(),
        attempt.duration(),
        hook.url(),
        attempt.headers(),
        attempt.body(),
        event.payload(),
        answer.status(),
        answer.statusText(),
        answer.headers(),
        answer.body());
  }

  private static String body(Hook hook, WebhookEvent event) {
    return hook.sendsForm()
        ? "payload=" + URLEncoder.encode(event.payload(), StandardCharsets.UTF_8)
        : event.payload();
  }

  private static Map<String, String> headers(Hook hook, WebhookEvent event, String body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Accept", "*/*");
    h.put(
        "Content-Type",
        hook.sendsForm() ? "application/x-www-form-urlencoded" : "application/json");
    h.put("User-Agent", USER_AGENT);
    h.put("X-GitHub-Delivery", event.guid());
    h.put("X-GitHub-Event", event.name());
    h.put("X-GitHub-Hook-ID", String.valueOf(hook.id()));
    h.put("X-GitHub-Hook-Installation-Target-ID", String.valueOf(hook.repoId()));
    h.put("X-GitHub-Hook-Installation-Target-Type", "repository");
    if (hook.enterpriseHost() != null) {
      h.put("X-GitHub-Enterprise-Version", ENTERPRISE_VERSION);
      h.put("X-GitHub-Enterprise-Host", hook.enterpriseHost());
    }
    if (hook.secret() != null && !hook.secret().isEmpty()) {
      h.put("X-Hub-Signature", WebhookSignature.sha1(hook.secret(), body));
      h.put("X-Hub-Signature-256", WebhookSignature.sha256(hook.secret(), body));
    }
    return h;
  }

  private static Map<String, String> firstValues(Map<String, List<String>> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    headers.forEach(
        (k, v) -> {
          if (k != null && !k.startsWith(":") && !v.isEmpty()) {
            out.put(k, v.get(0));
          }
        });
    return out;
  }

  private static String truncate(String body) {
    return body == null || body.length() <= MAX_RESPONSE_CHARS
        ? body
        : body.substring(0, MAX_RESPONSE_CHARS);
  }
}
