package trafficlight.localhub;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The delivery faults injected and not used up yet; the first that matches a delivery applies. */
final class DeliveryFaults {
  private static final class Armed {
    final DeliveryFault fault;
    int remaining;

    Armed(DeliveryFault fault) {
      this.fault = fault;
      this.remaining = fault.times();
    }
  }

  private final List<Armed> armed = new ArrayList<>();

  synchronized void add(DeliveryFault fault) {
    if (fault.policy() == null) {
      throw new IllegalArgumentException("a delivery fault needs a policy: " + fault);
    }
    armed.add(new Armed(fault));
  }

  /** Uses up one application of the first fault matching the event, or returns null. */
  synchronized DeliveryFaultPolicy take(WebhookEvent event) {
    Iterator<Armed> it = armed.iterator();
    while (it.hasNext()) {
      Armed a = it.next();
      if (a.fault.matches(event)) {
        if (!a.fault.unlimited() && --a.remaining == 0) {
          it.remove();
        }
        return a.fault.policy();
      }
    }
    return null;
  }

  synchronized List<DeliveryFault> pending() {
    return armed.stream().map(a -> a.fault).toList();
  }

  synchronized void clear() {
    armed.clear();
  }
}
