package trafficlight.github;

/**
 * Remembered answers to GET requests, for conditional requests: {@link GitHubClient} sends {@code
 * If-None-Match} with the ETag it has for the exact request URL and, when GitHub answers {@code 304
 * Not Modified} (which does not count against the rate limit), answers from the entry instead.
 * Every {@code 200} with an ETag replaces the entry of its URL.
 *
 * <p>An implementation must never hold credentials: entries are keyed by URL (which carries no
 * token) and hold only what a response said. Implementations need not be thread-safe; a client uses
 * its cache from one thread at a time.
 */
public interface ResponseCache {

  /** No cache: every request is unconditional. */
  ResponseCache NONE =
      new ResponseCache() {
        @Override
        public Entry lookup(String url) {
          return null;
        }

        @Override
        public void store(String url, Entry entry) {}

        @Override
        public void forget(String url) {}
      };

  /** The entry for exactly this request URL, or null. */
  Entry lookup(String url);

  /** Remembers the answer to a request URL, replacing any earlier one. */
  void store(String url, Entry entry);

  /** Drops the entry of a URL (it turned out unusable or stale). */
  void forget(String url);

  /**
   * What a {@code 200} said: its ETag, its body, and its {@code Link} header (null when it had
   * none), so that paging continues from a cached page. An {@code immutable} entry is an answer
   * that can never change (a comparison of two full SHAs): the client answers from it without
   * asking GitHub at all.
   */
  record Entry(String etag, String body, String link, boolean immutable) {
    public Entry {
      if (etag == null || etag.isEmpty() || body == null) {
        throw new IllegalArgumentException("a cache entry needs an ETag and a body");
      }
    }

    public Entry(String etag, String body, String link) {
      this(etag, body, link, false);
    }

    /** An answer that never changes, kept without asking again. */
    public static Entry immutable(String etag, String body) {
      return new Entry(etag, body, null, true);
    }
  }
}
