package trafficlight.gate;

import java.util.List;

/**
 * Whatever reacts to {@link GateEvent}s. A sender calls {@link #send} and goes on: a reaction that
 * fails must not fail the deploy that sent the event, so implementations report their own trouble
 * (a warning in the build log) instead of throwing.
 */
@FunctionalInterface
public interface GateEvents {

  /** Nothing reacts. */
  GateEvents NONE = event -> {};

  void send(GateEvent event);

  /** Each of {@code reactions}, in order. */
  static GateEvents all(List<GateEvents> reactions) {
    List<GateEvents> copy = List.copyOf(reactions);
    return event -> copy.forEach(reaction -> reaction.send(event));
  }
}
