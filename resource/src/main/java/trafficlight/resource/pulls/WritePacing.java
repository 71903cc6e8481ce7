package trafficlight.resource.pulls;

import java.time.Duration;

/**
 * Spreads writes out: at least {@link #interval} between two of them. GitHub's secondary rate
 * limits allow at most 80 content-creating requests a minute (and 500 an hour) and ask for a second
 * between writes; a deploy that tells many pull requests at once would otherwise be refused
 * halfway.
 */
final class WritePacing {

  /** One write a second: 60 a minute, under GitHub's 80. */
  static final Duration DEFAULT = Duration.ofSeconds(1);

  private final Duration interval;
  private long lastWrite = Long.MIN_VALUE;
  private Duration waited = Duration.ZERO;

  WritePacing(Duration interval) {
    this.interval = interval;
  }

  /** Waits until the next write may go. */
  void beforeWrite() {
    long now = System.nanoTime();
    if (lastWrite != Long.MIN_VALUE) {
      long due = lastWrite + interval.toNanos();
      if (due > now) {
        sleep(due - now);
        waited = waited.plusNanos(due - now);
        now = due;
      }
    }
    lastWrite = now;
  }

  /** How long the writes of this put waited for their turn. */
  Duration waited() {
    return waited;
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
