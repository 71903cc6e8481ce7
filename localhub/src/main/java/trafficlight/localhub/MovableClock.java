package trafficlight.localhub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The hub's clock: follows a source clock (the system clock by default) shifted by an offset, or
 * stands still at a fixed instant. Tests move it with {@link #advance} and {@link #set}. Every
 * instant it hands out is truncated to whole seconds, as GitHub's timestamps are.
 */
public final class MovableClock extends Clock {
  private final Clock source;
  private Duration offset = Duration.ZERO;
  private Instant frozenAt;

  private MovableClock(Clock source, Instant frozenAt) {
    this.source = source;
    this.frozenAt = frozenAt;
  }

  /** A clock that follows the system clock until moved. */
  public static MovableClock system() {
    return new MovableClock(Clock.systemUTC(), null);
  }

  /** A clock that follows {@code source} (plus whatever it is advanced by). */
  public static MovableClock following(Clock source) {
    return source instanceof MovableClock movable ? movable : new MovableClock(source, null);
  }

  /** A clock that stands still at {@code instant} until advanced or set. */
  public static MovableClock fixed(Instant instant) {
    return new MovableClock(Clock.systemUTC(), instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** The current time, in whole seconds. */
  public synchronized Instant now() {
    Instant now = frozenAt != null ? frozenAt : source.instant().plus(offset);
    return now.truncatedTo(ChronoUnit.SECONDS);
  }

  /** Moves the clock forward (or back, for a negative duration). */
  public synchronized void advance(Duration duration) {
    if (frozenAt != null) {
      frozenAt = frozenAt.plus(duration);
    } else {
      offset = offset.plus(duration);
    }
  }

  /** Sets the current time; a fixed clock stays fixed there, a following clock goes on from it. */
  public synchronized void set(Instant instant) {
    if (frozenAt != null) {
      frozenAt = instant.truncatedTo(ChronoUnit.SECONDS);
    } else {
      offset = Duration.between(source.instant(), instant);
    }
  }

  @Override
  public Instant instant() {
    return now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the hub's clock is always UTC");
  }
}
