package trafficlight.localhub;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The faults injected and not used up yet, of one kind (requests' or deliveries'); the first one
 * that matches applies.
 */
final class ArmedFaults<F extends InjectedFault<F, P>, P> {

  private static final class Armed<F> {
    final F fault;
    int remaining;

    Armed(F fault, int times) {
      this.fault = fault;
      this.remaining = times;
    }
  }

  private final String kind;
  private final List<Armed<F>> armed = new ArrayList<>();

  /** {@code kind} names the faults in the refusal of one without a policy: "a fault". */
  ArmedFaults(String kind) {
    this.kind = kind;
  }

  synchronized void add(F fault) {
    if (fault.policy() == null) {
      throw new IllegalArgumentException(kind + " needs a policy: " + fault);
    }
    armed.add(new Armed<>(fault, fault.times()));
  }

  /** Uses up one application of the first fault that {@code matches}, or returns null. */
  synchronized P take(Predicate<F> matches) {
    Iterator<Armed<F>> it = armed.iterator();
    while (it.hasNext()) {
      Armed<F> a = it.next();
      if (matches.test(a.fault)) {
        if (!a.fault.unlimited() && --a.remaining == 0) {
          it.remove();
        }
        return a.fault.policy();
      }
    }
    return null;
  }

  synchronized List<F> pending() {
    return armed.stream().map(a -> a.fault).toList();
  }

  synchronized void clear() {
    armed.clear();
  }
}
