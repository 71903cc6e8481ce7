package trafficlight.localhub;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fault to inject with {@link LocalHub#inject}: which requests it matches (method, and path
 * without query and without the {@code /api/v3} prefix), how many times (1 unless told), and the
 * {@link FaultPolicy} to apply.
 *
 * <pre>{@code hub.inject(Fault.on("POST", "/repos/o/r/issues").times(2)
 *     .policy(new FaultPolicy.ServerError(502)));}</pre>
 */
public record Fault(String method, Pattern path, int times, FaultPolicy policy)
    implements InjectedFault<Fault, FaultPolicy> {
  /** Method that matches every method. */
  public static final String ANY_METHOD = "*";

  public Fault {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
  }

  /** Matches requests to exactly {@code path}; {@code method} "*" matches any method. */
  public static Fault on(String method, String path) {
    return new Fault(method, Pattern.compile(Pattern.quote(path)), 1, null);
  }

  /** Matches requests whose whole path matches {@code regex}. */
  public static Fault onPattern(String method, String regex) {
    return new Fault(method, Pattern.compile(regex), 1, null);
  }

  /** Applies to the next {@code count} matching requests. */
  @Override
  public Fault times(int count) {
    return new Fault(method, path, InjectedFault.atLeastOnce(count), policy);
  }

  /** Applies to every matching request until {@link LocalHub#clearFaults()}. */
  @Override
  public Fault always() {
    return new Fault(method, path, UNLIMITED, policy);
  }

  public Fault policy(FaultPolicy newPolicy) {
    return new Fault(method, path, times, Objects.requireNonNull(newPolicy, "policy"));
  }

  boolean matches(String requestMethod, String requestPath) {
    return (ANY_METHOD.equals(method) || method.equalsIgnoreCase(requestMethod))
        && path.matcher(requestPath).matches();
  }

  @Override
  public String toString() {
    return "Fault["
        + method
        + " "
        + path.pattern()
        + " x"
        + (unlimited() ? "always" : times)
        + " "
        + policy
        + "]";
  }
}
