package trafficlight.resource.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import trafficlight.gate.ResourceInterface;
import trafficlight.gate.Suggestions;
import trafficlight.resource.protocol.JsonTypes;
import trafficlight.resource.protocol.ResourceException;

/**
 * Reads typed values out of a {@code source} or {@code params} object, with messages that name the
 * key, what was expected and what came. Values are never echoed: they may be secrets.
 */
final class ConfigReader<K extends Enum<K> & ResourceInterface.Name> {

  private final String section;
  private final Map<String, Object> values;

  /**
   * @throws ResourceException for a key not one of {@code kind}'s, naming the nearest valid key
   */
  ConfigReader(String section, Map<String, Object> values, Class<K> kind) {
    this.section = section;
    this.values = values;
    Set<String> known = ResourceInterface.keys(kind);
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        String nearest = Suggestions.nearest(key, known);
        throw new ResourceException(
            "unknown "
                + section
                + " key \""
                + key
                + "\""
                + (nearest == null ? "" : ": did you mean \"" + nearest + "\"?")
                + " Valid keys: "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  String string(K key, String fallback) {
    String value = typed(key, String.class, "a string");
    return value == null ? fallback : value;
  }

  String requiredString(K key, String example) {
    String value = string(key, null);
    if (value == null || value.isBlank()) {
      throw new ResourceException(
          section + " key \"" + key.key() + "\" is required, e.g. " + example);
    }
    return value;
  }

  String choice(K key, String fallback, List<String> choices) {
    String value = string(key, fallback);
    if (!choices.contains(value)) {
      throw new ResourceException(
          section
              + " key \""
              + key.key()
              + "\" must be one of "
              + String.join(", ", choices)
              + ", got \""
              + value
              + "\"");
    }
    return value;
  }

  List<String> strings(K key) {
    Object value = values.get(key.key());
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw wrongType(key, "a list of strings, e.g. [pipeline-workflow]", value);
    }
    List<String> strings = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof String text)) {
        throw wrongType(key, "a list of strings, e.g. [pipeline-workflow]", item);
      }
      strings.add(text);
    }
    return List.copyOf(strings);
  }

  /** A positive whole number, given as a number or a string of digits (as YAML may deliver). */
  Long positiveNumber(K key) {
    Object value = values.get(key.key());
    if (value == null) {
      return null;
    }
    long number;
    if (value instanceof Number n && n.doubleValue() == n.longValue()) {
      number = n.longValue();
    } else if (value instanceof String text && text.strip().matches("\\d{1,18}")) {
      number = Long.parseLong(text.strip());
    } else {
      throw wrongType(key, "a positive whole number", value);
    }
    if (number <= 0) {
      throw new ResourceException(
          section + " key \"" + key.key() + "\" must be a positive whole number, got " + number);
    }
    return number;
  }

  Boolean bool(K key) {
    return typed(key, Boolean.class, "true or false");
  }

  /** The value if it is a {@code type}, null if not given. */
  private <T> T typed(K key, Class<T> type, String expected) {
    Object value = values.get(key.key());
    if (value == null || type.isInstance(value)) {
      return type.cast(value);
    }
    throw wrongType(key, expected, value);
  }

  private ResourceException wrongType(K key, String expected, Object value) {
    return new ResourceException(
        section
            + " key \""
            + key.key()
            + "\" must be "
            + expected
            + ", got "
            + JsonTypes.describe(value));
  }
}
