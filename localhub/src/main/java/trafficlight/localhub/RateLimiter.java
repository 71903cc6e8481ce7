package trafficlight.localhub;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * GitHub's primary rate limits: per principal and resource ("core": 5,000 an hour, 60 for anonymous
 * clients; "search": 30 a minute, 10 anonymous), in fixed windows on the hub's clock.
 */
final class RateLimiter {
  static final String CORE = "core";
  static final String SEARCH = "search";

  /** What the {@code x-ratelimit-*} headers report. */
  record Status(String resource, int limit, int used, long resetEpochSeconds) {
    int remaining() {
      return Math.max(0, limit - used);
    }
  }

  private static final class Window {
    final int limit;
    final Duration length;
    Instant start;
    int used;

    Window(int limit, Duration length, Instant start) {
      this.limit = limit;
      this.length = length;
      this.start = start;
    }
  }

  private final MovableClock clock;
  private final Map<String, Window> windows = new HashMap<>();

  RateLimiter(MovableClock clock) {
    this.clock = clock;
  }

  /** The current status, without counting a request. */
  synchronized Status peek(Principal principal, String resource) {
    return status(resource, window(principal, resource));
  }

  /** Counts one request and returns the status after it. */
  synchronized Status consume(Principal principal, String resource) {
    Window window = window(principal, resource);
    window.used++;
    return status(resource, window);
  }

  private Window window(Principal principal, String resource) {
    Instant now = clock.now();
    boolean anonymous = principal instanceof Principal.Anonymous;
    Window window =
        windows.computeIfAbsent(
            principal.rateKey() + "|" + resource,
            k ->
                SEARCH.equals(resource)
                    ? new Window(anonymous ? 10 : 30, Duration.ofMinutes(1), now)
                    : new Window(anonymous ? 60 : 5000, Duration.ofHours(1), now));
    if (!now.isBefore(window.start.plus(window.length))) {
      window.start = now;
      window.used = 0;
    }
    return window;
  }

  private static Status status(String resource, Window window) {
    return new Status(
        resource, window.limit, window.used, window.start.plus(window.length).getEpochSecond());
  }
}
