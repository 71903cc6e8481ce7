package trafficlight.localhub;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The faults injected and not used up yet; the first one that matches a request applies. */
final class FaultInjector {
  private static final class Armed {
    final Fault fault;
    int remaining;

    Armed(Fault fault) {
      this.fault = fault;
      this.remaining = fault.times();
    }
  }

  private final List<Armed> armed = new ArrayList<>();

  synchronized void add(Fault fault) {
    if (fault.policy() == null) {
      throw new IllegalArgumentException("a fault needs a policy: " + fault);
    }
    armed.add(new Armed(fault));
  }

  /** Uses up one application of the first fault matching the request, or returns null. */
  synchronized FaultPolicy take(String method, String path) {
    Iterator<Armed> it = armed.iterator();
    while (it.hasNext()) {
      Armed a = it.next();
      if (a.fault.matches(method, path)) {
        if (!a.fault.unlimited() && --a.remaining == 0) {
          it.remove();
        }
        return a.fault.policy();
      }
    }
    return null;
  }

  synchronized List<Fault> pending() {
    return armed.stream().map(a -> a.fault).toList();
  }

  synchronized void clear() {
    armed.clear();
  }
}
