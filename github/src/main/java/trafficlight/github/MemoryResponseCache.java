package trafficlight.github;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response cache in memory, for a long-running process such as the board: bounded (least recently
 * used entries go first), safe to share between threads, so any number of viewers cost one set of
 * conditional requests per refresh. It holds only what GitHub answered, never a credential. {@link
 * FileResponseCache} is the one that outlives its process.
 */
public final class MemoryResponseCache implements ResponseCache {

  private final Map<String, Entry> entries;

  public MemoryResponseCache(int maxEntries) {
    this.entries =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > maxEntries;
          }
        };
  }

  @Override
  public synchronized Entry lookup(String url) {
    return entries.get(url);
  }

  @Override
  public synchronized void store(String url, Entry entry) {
    entries.put(url, entry);
  }

  @Override
  public synchronized void forget(String url) {
    entries.remove(url);
  }

  public synchronized int size() {
    return entries.size();
  }
}
