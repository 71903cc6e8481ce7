package trafficlight.localhub;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One attempt to deliver a webhook event, as GitHub lists it: the event's {@code guid} (kept by
 * redeliveries), what was sent ({@code requestHeaders}, the raw {@code requestBody} that was
 * signed, and the JSON {@code payload}), and what came back. {@code statusCode} is 0 when no
 * response arrived ({@code status} then says why: "failed to connect to host", "timed out").
 */
public record WebhookDelivery(
    long id,
    String guid,
    long hookId,
    long repositoryId,
    String event,
    String action,
    boolean redelivery,
    Instant deliveredAt,
    Duration duration,
    String url,
    Map<String, String> requestHeaders,
    String requestBody,
    String payload,
    int statusCode,
    String status,
    Map<String, String> responseHeaders,
    String responseBody) {

  public WebhookDelivery {
    requestHeaders = Map.copyOf(requestHeaders);
    responseHeaders = Map.copyOf(responseHeaders);
  }

  public boolean succeeded() {
    return statusCode >= 200 && statusCode < 300;
  }
}
