package trafficlight.localhub;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@link Fault} and {@link DeliveryFault} share: how many times a fault applies (once unless
 * told) and the policy it applies then.
 *
 * @param <F> the fault's own type
 * @param <P> its policy's type
 */
public interface InjectedFault<F extends InjectedFault<F, P>, P> {

  /** The {@link #times()} of a fault that applies until it is cleared. */
  int UNLIMITED = Integer.MAX_VALUE;

  int times();

  /** What the fault does; null until {@code policy(…)} gives one. */
  P policy();

  /** Applies to the next {@code count} matching requests or deliveries. */
  F times(int count);

  /** Applies to every match until the faults are cleared. */
  F always();

  default boolean unlimited() {
    return times() == UNLIMITED;
  }

  /** {@code count}, refused unless at least 1. */
  static int atLeastOnce(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + count);
    }
    return count;
  }

  /** {@code fault}, applying as the admin API's JSON says: {@code always}, or {@code times}. */
  static <F extends InjectedFault<F, P>, P> F repeated(F fault, JsonNode in) {
    if (in.path("always").asBoolean(false)) {
      return fault.always();
    }
    return in.has("times") ? fault.times(in.get("times").asInt()) : fault;
  }
}
