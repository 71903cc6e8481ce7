package trafficlight.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** GitHub's rate-limit answers: which answers are one, how long to wait, and what to say. */
final class RateLimits {

  private final Clock clock;

  RateLimits(Clock clock) {
    this.clock = clock;
  }

  /** Whether GitHub refused the request for its rate limit (and so did not apply it). */
  static boolean isRateLimited(HttpResult result) {
    int status = result.status();
    return (status == 403 || status == 429)
        && (result.header("retry-after") != null
            || "0".equals(result.header("x-ratelimit-remaining")));
  }

  /** How long until GitHub accepts requests again, measured on GitHub's clock when it says. */
  Duration waitFor(HttpResult result) {
    String retryAfter = result.header("retry-after");
    if (retryAfter != null) {
      try {
        return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
      } catch (NumberFormatException ignored) {
        // an HTTP date instead of seconds: fall through to the reset time
      }
    }
    String reset = result.header("x-ratelimit-reset");
    if (reset != null) {
      try {
        Instant resetAt = Instant.ofEpochSecond(Long.parseLong(reset.trim()));
        Duration wait = Duration.between(serverNow(result), resetAt).plusSeconds(1);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (NumberFormatException ignored) {
        // unreadable reset time: wait the minimum below
      }
    }
    return Duration.ofSeconds(60);
  }

  private Instant serverNow(HttpResult result) {
    String date = result.header("date");
    if (date != null) {
      try {
        return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException ignored) {
        // use the local clock
      }
    }
    return clock.instant();
  }

  /** Which limit it is, and when it lifts. */
  String message(HttpResult result, Duration wait) {
    if (result.header("retry-after") != null
        && !"0".equals(result.header("x-ratelimit-remaining"))) {
      return "GitHub's secondary rate limit ("
          + result.status()
          + "), retry after "
          + wait.toSeconds()
          + " s";
    }
    Instant resetAt = clock.instant().plus(wait);
    return "GitHub API rate limit exhausted ("
        + result.status()
        + ", limit "
        + String.valueOf(result.header("x-ratelimit-limit"))
        + " an hour); it resets at "
        + resetAt.truncatedTo(ChronoUnit.SECONDS)
        + ", in "
        + Math.max(1, (wait.toSeconds() + 59) / 60)
        + " min: check less often (check_every) or use a webhook";
  }
}
