package trafficlight.gate;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

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
    String text;
    try {
      // "-->" would end the HTML comment early: escaped, JSON reads it back the same
      text = JSON.std.asString(json).replace("-->", "--\\u003e");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return "<!-- " + marker + " " + text + " -->";
  }

  /** The object, or null when the text is not one. */
  static Map<String, Object> parse(String json) {
    try {
      return JSON.std.mapFrom(json);
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }
}
