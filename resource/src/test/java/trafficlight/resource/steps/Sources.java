package trafficlight.resource.steps;

import java.util.LinkedHashMap;
import java.util.Map;

/** A resource {@code source} for the parsers' tests: a repository, then the keys given. */
final class Sources {

  private Sources() {}

  /**
   * @param keyValues key, value, key, value…; a later key replaces an earlier one
   */
  static Map<String, Object> of(Object... keyValues) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repository", "acme/gates");
    for (int i = 0; i < keyValues.length; i += 2) {
      source.put((String) keyValues[i], keyValues[i + 1]);
    }
    return source;
  }
}
