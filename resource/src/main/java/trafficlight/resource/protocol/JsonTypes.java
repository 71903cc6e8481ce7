package trafficlight.resource.protocol;

import java.util.List;
import java.util.Map;

/** Names JSON values' types in error messages, as a person writing YAML would call them. */
public final class JsonTypes {

  private JsonTypes() {}

  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof List) {
      return "a list";
    }
    if (value instanceof Map) {
      return "an object";
    }
    return value.getClass().getSimpleName();
  }
}
