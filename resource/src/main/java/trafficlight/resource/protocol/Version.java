package trafficlight.resource.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Concourse version: a flat map of strings to strings, its keys in a stable order. */
public record Version(Map<String, String> fields) {

  public Version {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public String get(String key) {
    return fields.get(key);
  }
}
