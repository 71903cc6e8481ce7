package trafficlight.resource.steps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import trafficlight.json.Json;

/**
 * A key for what {@code check} may cache about a {@code source}: the SHA-256 of its keys, secrets
 * left out, in a canonical form (keys sorted at every level). Changing anything but a secret
 * changes the key; rotating a token does not (GitHub still decides every 304).
 */
final class CheckCacheKey {

  private CheckCacheKey() {}

  static String of(Map<String, Object> source) {
    Map<String, Object> canonical = new TreeMap<>();
    source.forEach(
        (key, value) -> {
          if (!SourceConfig.SECRET_KEYS.contains(key)) {
            canonical.put(key, canonical(value));
          }
        });
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  ("trafficlight-check/1\n" + Json.write(canonical))
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot derive the cache key", e);
    }
  }

  private static Object canonical(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
      return sorted;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(CheckCacheKey::canonical).toList();
    }
    return value;
  }
}
