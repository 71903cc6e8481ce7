package trafficlight.github;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers that never change (comparisons and commits named by full SHAs), kept in memory by URL for
 * the life of a client: the {@value #CAPACITY} most recently used, so a long-running board stays
 * bounded.
 */
final class ImmutableAnswers {
  static final int CAPACITY = 2000;

  private final Map<String, Object> answers =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
          return size() > CAPACITY;
        }
      };

  synchronized <T> T get(String url, Class<T> type) {
    Object answer = answers.get(url);
    return type.isInstance(answer) ? type.cast(answer) : null;
  }

  synchronized void put(String url, Object answer) {
    answers.put(url, answer);
  }
}
