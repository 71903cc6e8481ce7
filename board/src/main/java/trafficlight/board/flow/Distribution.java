package trafficlight.board.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How long something took, over the samples of a window, in whole seconds: the median, the 90th
 * percentile and the maximum, each a sample that happened (nearest rank, so one sample is all three
 * of them). With no samples every figure is null: there is nothing to say, which is not zero.
 *
 * @param seconds the samples, ascending; never negative (a negative span is clock skew, which the
 *     caller counts apart and leaves out)
 */
public record Distribution(List<Long> seconds) {

  public static final Distribution EMPTY = new Distribution(List.of());

  public Distribution {
    List<Long> sorted = new ArrayList<>(seconds);
    if (sorted.stream().anyMatch(s -> s == null || s < 0)) {
      throw new IllegalArgumentException("a distribution takes non-negative seconds only");
    }
    sorted.sort(null);
    seconds = List.copyOf(sorted);
  }

  public static Distribution of(Collection<Duration> spans) {
    return new Distribution(spans.stream().map(Duration::toSeconds).toList());
  }

  public int samples() {
    return seconds.size();
  }

  public boolean isEmpty() {
    return seconds.isEmpty();
  }

  public Long median() {
    return percentile(50);
  }

  public Long p90() {
    return percentile(90);
  }

  public Long max() {
    return seconds.isEmpty() ? null : seconds.get(seconds.size() - 1);
  }

  /** The nearest-rank percentile: the smallest sample with at least p% of samples at or below. */
  public Long percentile(int p) {
    if (seconds.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p / 100.0 * seconds.size());
    return seconds.get(Math.max(0, Math.min(seconds.size(), rank) - 1));
  }
}
