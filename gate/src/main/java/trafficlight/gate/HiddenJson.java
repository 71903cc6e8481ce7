package trafficlight.gate;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import trafficlight.json.Json;

/**
 * A JSON object in an HTML comment, {@code <!-- marker {...} -->}: GitHub's page does not show it,
 * and the board, the CLI and the resource read it back.
 */
final class HiddenJson {

  private HiddenJson() {}

  /** Finds the comments of {@code marker}; group 1 is the JSON. */
  static Pattern pattern(String marker) {
    return Pattern.compile("<!--\\s*" + Pattern.quote(marker) + "\\s+(\\{.*?\\})\\s*-->");
  }

  static String render(String marker, Map<String, Object> json) {
    // "-->" would end the HTML comment early: escaped, JSON reads it back the same
    String text = Json.write(json).replace("-->", "--\\u003e");
    return "<!-- " + marker + " " + text + " -->";
  }

  /**
   * The object of the first comment {@code pattern} finds in {@code text}; empty when the text is
   * null, holds none or its JSON does not read.
   */
  static Optional<Map<String, Object>> first(Pattern pattern, String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = pattern.matcher(text);
    return m.find() ? Optional.ofNullable(parse(m.group(1))) : Optional.empty();
  }

  /** The object, or null when the text is not one. */
  static Map<String, Object> parse(String json) {
    try {
      return Json.parseObject(json);
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }
}
