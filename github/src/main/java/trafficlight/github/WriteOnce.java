package trafficlight.github;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A write that must not be applied twice, such as creating an issue or a comment. When its outcome
 * is unknown (no response, or a 5xx: {@link GitHubException#outcomeUnknown()}) the effect is looked
 * for before the write is tried again; since a request that timed out may still land a moment
 * later, a look that finds nothing is repeated once after a pause. At most {@value #ATTEMPTS}
 * writes.
 */
public final class WriteOnce {

  public static final int ATTEMPTS = 3;
  private static final Duration SETTLE = Duration.ofSeconds(1);

  private final Consumer<String> log;

  public WriteOnce(Consumer<String> log) {
    this.log = log;
  }

  /**
   * The result of {@code write}, or, after a failure whose outcome is unknown, what {@code look}
   * finds of its effect.
   *
   * @param effect what the write makes, for the log ("the issue", "the comment")
   * @param look the effect of an earlier attempt if it is there, else empty
   * @throws GitHubException the write's own failure when it was refused, or when the last attempt
   *     failed and nothing was found
   */
  public <T> T perform(String effect, Supplier<T> write, Supplier<Optional<T>> look) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (GitHubException e) {
        if (!e.outcomeUnknown() || attempt == ATTEMPTS) {
          throw e;
        }
        log.accept(e.getMessage() + "; looking for " + effect + " before trying again");
        Optional<T> found = look.get();
        if (found.isEmpty()) {
          pause(e.getMessage());
          found = look.get();
        }
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
  }

  private static void pause(String failure) {
    try {
      Thread.sleep(SETTLE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitHubException(0, failure + " (interrupted while waiting to look again)");
    }
  }
}
