package trafficlight.relay;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deliveries seen lately, so that one event is forwarded once: a redelivery (GitHub's keeps the
 * id), and a replay (the same signed body re-sent under a new id: the id is not signed, the body
 * is, and two events of GitHub's never have the same body, whose issue carries its {@code
 * updated_at}). Bounded: the oldest delivery goes once the cache is full; that is the dedupe
 * window. It is the relay's only state; several replicas each keep their own, and a repeat that
 * reaches another replica is forwarded once more, which only queues one more check.
 */
final class RecentDeliveries {

  /** How a delivery compares with those seen lately. */
  enum Seen {
    NEW,
    SAME_ID,
    SAME_BODY
  }

  private final Map<String, Boolean> ids;
  private final Map<String, Boolean> bodies;

  RecentDeliveries(int capacity) {
    this.ids = bounded(capacity);
    this.bodies = bounded(capacity);
  }

  /** Records the delivery {@code id} with its {@code body}, and says whether either was seen. */
  synchronized Seen record(String id, byte[] body) {
    boolean idSeen = ids.put(id, Boolean.TRUE) != null;
    boolean bodySeen = bodies.put(digest(body), Boolean.TRUE) != null;
    if (idSeen) {
      return Seen.SAME_ID;
    }
    return bodySeen ? Seen.SAME_BODY : Seen.NEW;
  }

  private static String digest(byte[] body) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static Map<String, Boolean> bounded(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }
}
