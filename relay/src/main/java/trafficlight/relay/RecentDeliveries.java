package trafficlight.relay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The delivery ids seen lately, so that a redelivery (GitHub's keeps the id) is not forwarded
 * again. Bounded: the oldest id goes once the cache is full. It is the relay's only state; several
 * replicas each keep their own, and a redelivery that reaches another replica is forwarded once
 * more, which only queues one more check.
 */
final class RecentDeliveries {

  private final Map<String, Boolean> ids;

  RecentDeliveries(int capacity) {
    this.ids =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Records {@code id}; true when it was not seen before. */
  synchronized boolean firstTime(String id) {
    return ids.put(id, Boolean.TRUE) == null;
  }
}
