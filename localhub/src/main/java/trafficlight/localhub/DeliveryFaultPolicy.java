package trafficlight.localhub;

import java.time.Duration;

/** What the hub does to a webhook delivery a {@link DeliveryFault} matches. */
public sealed interface DeliveryFaultPolicy {

  /**
   * Sends nothing, as if the receiver could not be reached: the delivery is listed as failed
   * ("failed to connect to host", status code 0) and can be redelivered.
   */
  record Drop() implements DeliveryFaultPolicy {}

  /**
   * Sends the delivery {@code delay} later than it would have gone; later events may overtake it.
   */
  record Delay(Duration delay) implements DeliveryFaultPolicy {}
}
