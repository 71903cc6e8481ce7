package trafficlight.github;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import trafficlight.json.Json;

/**
 * A {@link ResponseCache} kept in one file, for processes that run again and again on the same
 * machine (Concourse reuses a resource's check container between checks).
 *
 * <p>The file names its format version and the owner's key; a file that is missing, unreadable,
 * truncated, corrupt, of another format version or another key is ignored as if empty, never an
 * error: the worst a bad file can cost is one unconditional request. Each entry carries the SHA-256
 * of its body, so a damaged body is not answered from. The file is bounded ({@link Limits}: entry
 * count and total size, the least recently used entries dropped first) and replaced atomically
 * (written to a temporary file in the same directory, then moved over it), so a concurrent or
 * interrupted writer leaves either the old file or the new one. It holds URLs, ETags, {@code Link}
 * headers and bodies, never a credential; URLs carrying user information are not cached. An entry
 * marked {@code immutable} (an answer that never changes) is answered from without a request.
 *
 * <p>Changes are kept in memory until {@link #save()}.
 */
public final class FileResponseCache implements ResponseCache {

  /**
   * The format this class reads and writes; other values make a file foreign. A file is one line of
   * JSON naming the format, the key and each entry (URL, ETag, {@code Link}, SHA-256 and length of
   * its body), then the bodies one after another as they came: a body is a slice of the file, not a
   * JSON string to unescape character by character (a listing page is up to ~250 kB, and a check
   * parses it again as JSON when it answers from it).
   */
  static final String FORMAT = "trafficlight-response-cache/2";

  /** How much a cache may hold. Sizes are in characters of URL, ETag, link and body. */
  public record Limits(int maxEntries, long maxChars) {
    /** A few listings: a check needs one or two URLs, a board one per gate. */
    public static final Limits DEFAULT = new Limits(16, 4L << 20);

    public Limits {
      if (maxEntries < 1 || maxChars < 1) {
        throw new IllegalArgumentException("cache limits must be positive");
      }
    }
  }

  private final Path file;
  private final String key;
  private final Limits limits;

  /** Least recently used first. */
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

  private boolean dirty;

  private FileResponseCache(Path file, String key, Limits limits) {
    this.file = file;
    this.key = key;
    this.limits = limits;
  }

  /**
   * The cache in {@code file} if it is readable, of this format and belongs to {@code key};
   * otherwise an empty cache that will replace the file on {@link #save()}. Never throws for the
   * file's state.
   *
   * @param key identifies the owner (a hash of its configuration, never a secret): a file written
   *     for another key is ignored
   */
  public static FileResponseCache load(Path file, String key, Limits limits) {
    FileResponseCache cache = new FileResponseCache(file, key, limits);
    cache.read();
    return cache;
  }

  public Path file() {
    return file;
  }

  /** The URLs held, least recently used first. */
  public List<String> urls() {
    return new ArrayList<>(entries.keySet());
  }

  @Override
  public Entry lookup(String url) {
    boolean newest = url.equals(newestUrl());
    Entry entry = entries.get(url);
    if (entry != null && !newest) {
      // access order moved it to the end: the file's order changes too
      dirty = true;
    }
    return entry;
  }

  @Override
  public void store(String url, Entry entry) {
    if (!cacheable(url) || size(url, entry) > limits.maxChars()) {
      forget(url);
      return;
    }
    Entry old = entries.put(url, entry);
    if (!entry.equals(old)) {
      dirty = true;
    }
    trim();
  }

  @Override
  public void forget(String url) {
    if (entries.remove(url) != null) {
      dirty = true;
    }
  }

  /**
   * Writes the cache if it changed since it was loaded: atomically, never throwing. A cache that
   * cannot be written (read-only or full disk) costs unconditional requests next time, nothing
   * more.
   *
   * @return whether the file now holds this cache's entries
   */
  public boolean save() {
    if (!dirty) {
      return true;
    }
    Path tmp = null;
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
      StringBuilder text = new StringBuilder(Json.write(header())).append('\n');
      entries.values().forEach(entry -> text.append(entry.body()));
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      // No fsync: a file lost or torn by a crash is read as empty (see above), which costs one
      // unconditional request; syncing would cost every check a disk flush.
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      dirty = false;
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a stray temporary file is never read
        }
      }
    }
  }

  private void read() {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > maxFileBytes()) {
        return;
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int newline = text.indexOf('\n');
      if (newline < 0) {
        return;
      }
      Object json = Json.parse(text.substring(0, newline));
      int offset = newline + 1;
      if (!(json instanceof Map<?, ?> root)
          || !FORMAT.equals(root.get("format"))
          || !key.equals(root.get("key"))
          || !(root.get("entries") instanceof List<?> list)) {
        return;
      }
      LinkedHashMap<String, Entry> loaded = new LinkedHashMap<>();
      for (Object item : list) {
        if (!(item instanceof Map<?, ?> m)
            || !(m.get("url") instanceof String url)
            || !(m.get("etag") instanceof String etag)
            || etag.isEmpty()
            || !(m.get("length") instanceof Integer length)
            || length < 0
            || length > text.length() - offset
            || !(m.get("sha256") instanceof String digest)
            || !(m.get("link") == null || m.get("link") instanceof String)
            || !(m.get("immutable") == null || m.get("immutable") instanceof Boolean)
            || !cacheable(url)) {
          // one damaged entry makes the whole file suspect
          return;
        }
        String body = text.substring(offset, offset + length);
        offset += length;
        if (!digest.equals(sha256(body))) {
          return;
        }
        loaded.remove(url);
        loaded.put(
            url,
            new Entry(etag, body, (String) m.get("link"), Boolean.TRUE.equals(m.get("immutable"))));
      }
      if (offset != text.length()) {
        return; // more than the entries hold: not a file this class wrote
      }
      entries.putAll(loaded);
      trim();
    } catch (IOException | RuntimeException | StackOverflowError unreadable) {
      entries.clear();
    }
  }

  private Map<String, Object> header() {
    List<Object> list = new ArrayList<>();
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("url", e.getKey());
      m.put("etag", e.getValue().etag());
      m.put("link", e.getValue().link());
      if (e.getValue().immutable()) {
        m.put("immutable", true);
      }
      m.put("sha256", sha256(e.getValue().body()));
      m.put("length", e.getValue().body().length());
      list.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("key", key);
    root.put("entries", list);
    return root;
  }

  /** Drops least recently used entries until the limits hold. */
  private void trim() {
    long total = 0;
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      total += size(e.getKey(), e.getValue());
    }
    Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
    while (oldest.hasNext()
        && (entries.size() > limits.maxEntries() || total > limits.maxChars())) {
      Map.Entry<String, Entry> e = oldest.next();
      total -= size(e.getKey(), e.getValue());
      oldest.remove();
      dirty = true;
    }
  }

  private String newestUrl() {
    String newest = null;
    for (String url : entries.keySet()) {
      newest = url;
    }
    return newest;
  }

  /** A generous bound on the bytes of a file within the limits (UTF-8 and JSON escapes). */
  private long maxFileBytes() {
    return limits.maxChars() * 6 + 1024L * (limits.maxEntries() + 1);
  }

  private static long size(String url, Entry entry) {
    return (long) url.length()
        + entry.etag().length()
        + entry.body().length()
        + (entry.link() == null ? 0 : entry.link().length());
  }

  /** Only plain http(s) URLs without user information: nothing secret may reach the file. */
  private static boolean cacheable(String url) {
    try {
      URI uri = URI.create(url);
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getRawUserInfo() == null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
