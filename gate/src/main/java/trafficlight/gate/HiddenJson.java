package trafficlight.gate;

import java.io.IOException;
import java.util.Map;
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

  /** The object, or null when the text is not one. */
  static Map<String, Object> parse(String json) {
    try {
      return Json.parseObject(json);
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }
}
