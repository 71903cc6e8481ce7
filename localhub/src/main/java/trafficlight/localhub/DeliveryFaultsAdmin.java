package trafficlight.localhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;

/**
 * {@code /_localhub/delivery-faults}: POST {@code {"event":"issues","action":"closed","times":1 (or
 * "always":true),"policy":{"type":"Drop"}}} (or {@code {"type":"Delay","millis":2000}}), GET lists
 * the pending ones, DELETE clears them.
 */
final class DeliveryFaultsAdmin {
  static final String PATH = "/_localhub/delivery-faults";

  private DeliveryFaultsAdmin() {}

  /** The answer, or null for a method this path does not take. */
  static ApiResponse handle(LocalHub hub, String method, JsonNode in) {
    switch (method) {
      case "POST" -> {
        hub.inject(fault(in));
        return ApiResponse.json(201, in);
      }
      case "GET" -> {
        ArrayNode out = Json.MAPPER.createArrayNode();
        hub.pendingDeliveryFaults().forEach(f -> out.add(f.toString()));
        return ApiResponse.json(200, out);
      }
      case "DELETE" -> {
        hub.clearDeliveryFaults();
        return ApiResponse.empty(204);
      }
      default -> {
        return null;
      }
    }
  }

  static DeliveryFault fault(JsonNode in) {
    DeliveryFault fault =
        DeliveryFault.on(
            in.path("event").asText(DeliveryFault.ANY_EVENT),
            in.hasNonNull("action") ? in.get("action").asText() : null);
    return InjectedFault.repeated(fault, in).policy(policy(in.path("policy")));
  }

  private static DeliveryFaultPolicy policy(JsonNode p) {
    String type = p.path("type").asText("");
    return switch (type) {
      case "Drop" -> new DeliveryFaultPolicy.Drop();
      case "Delay" ->
          new DeliveryFaultPolicy.Delay(Duration.ofMillis(p.path("millis").asLong(1000)));
      default ->
          throw new IllegalArgumentException(
              "unknown delivery fault policy type '" + type + "': use Drop or Delay");
    };
  }
}
