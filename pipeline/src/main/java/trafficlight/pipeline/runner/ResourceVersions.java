package trafficlight.pipeline.runner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The versions each resource has, oldest first, in the order checks found them and puts made them.
 * Thread-safe.
 */
final class ResourceVersions {

  private final Map<String, List<Map<String, String>>> versions = new HashMap<>();

  /** The newest version of the resource; null before it has any. */
  synchronized Map<String, String> latest(String resource) {
    List<Map<String, String>> known = versions.getOrDefault(resource, List.of());
    return known.isEmpty() ? null : known.get(known.size() - 1);
  }

  /**
   * Adds the versions not known yet, after the known ones.
   *
   * @return those added, in their order
   */
  synchronized List<Map<String, String>> add(String resource, List<Map<String, String>> found) {
    List<Map<String, String>> known = versions.computeIfAbsent(resource, r -> new ArrayList<>());
    List<Map<String, String>> added = new ArrayList<>();
    for (Map<String, String> version : found) {
      if (!known.contains(version)) {
        known.add(version);
        added.add(version);
      }
    }
    return added;
  }

  /** Every resource's versions as they are now. */
  synchronized Map<String, List<Map<String, String>>> snapshot() {
    Map<String, List<Map<String, String>>> copy = new HashMap<>();
    versions.forEach((resource, known) -> copy.put(resource, List.copyOf(known)));
    return copy;
  }
}
