package trafficlight.localhub;

import java.util.Objects;

/**
 * A fault to inject into outgoing webhook deliveries with {@link LocalHub#inject(DeliveryFault)}:
 * which deliveries it matches (event, and action unless null), how many times (1 unless told), and
 * the {@link DeliveryFaultPolicy}. Redeliveries are deliveries too: a fault left over applies to
 * them.
 *
 * <pre>
 * {@code hub.inject(DeliveryFault.on("issues", "closed").policy(new DeliveryFaultPolicy.Drop()));}
 * </pre>
 */
public record DeliveryFault(String event, String action, int times, DeliveryFaultPolicy policy)
    implements InjectedFault<DeliveryFault, DeliveryFaultPolicy> {
  /** Event that matches every event. */
  public static final String ANY_EVENT = "*";

  public DeliveryFault {
    Objects.requireNonNull(event, "event");
  }

  /** Matches deliveries of {@code event} ("*": any) with {@code action} (null: any). */
  public static DeliveryFault on(String event, String action) {
    return new DeliveryFault(event, action, 1, null);
  }

  /** Matches every delivery of {@code event} ("*": any). */
  public static DeliveryFault on(String event) {
    return on(event, null);
  }

  /** Applies to the next {@code count} matching deliveries. */
  @Override
  public DeliveryFault times(int count) {
    return new DeliveryFault(event, action, InjectedFault.atLeastOnce(count), policy);
  }

  /** Applies to every matching delivery until {@link LocalHub#clearDeliveryFaults()}. */
  @Override
  public DeliveryFault always() {
    return new DeliveryFault(event, action, UNLIMITED, policy);
  }

  public DeliveryFault policy(DeliveryFaultPolicy newPolicy) {
    return new DeliveryFault(event, action, times, Objects.requireNonNull(newPolicy, "policy"));
  }

  boolean matches(WebhookEvent e) {
    return (ANY_EVENT.equals(event) || event.equals(e.name()))
        && (action == null || action.equals(e.action()));
  }

  @Override
  public String toString() {
    return "DeliveryFault["
        + event
        + (action == null ? "" : "." + action)
        + " x"
        + (unlimited() ? "always" : times)
        + " "
        + policy
        + "]";
  }
}
