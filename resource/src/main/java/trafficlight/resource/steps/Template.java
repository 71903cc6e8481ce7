package trafficlight.resource.steps;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import trafficlight.resource.protocol.ResourceException;

/**
 * A title or body template in Python's {@code str.format} syntax, as mitodl's resource takes them:
 * {@code {BUILD_NAME}} is replaced, {@code {{} and {@code }}} are literal braces. Parsed once, when
 * the configuration is read, so a mistake fails before any request.
 */
final class Template {

  private sealed interface Part {}

  private record Literal(String text) implements Part {}

  private record Placeholder(String name) implements Part {}

  private final List<Part> parts;

  private Template(List<Part> parts) {
    this.parts = parts;
  }

  /**
   * @param key the configuration key, for messages
   * @throws ResourceException for unbalanced braces or a placeholder not in {@code names}
   */
  static Template parse(String key, String text, Collection<String> names) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        literal.append('{');
        i += 2;
      } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
        literal.append('}');
        i += 2;
      } else if (c == '}') {
        throw new ResourceException(
            key + " has a single '}' at position " + i + ": write '}}' for a literal brace");
      } else if (c == '{') {
        int close = text.indexOf('}', i);
        int nextOpen = text.indexOf('{', i + 1);
        if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
          throw new ResourceException(
              key + " has an unclosed '{' at position " + i + ": write '{{' for a literal brace");
        }
        String name = text.substring(i + 1, close);
        if (!names.contains(name)) {
          throw new ResourceException(
              key
                  + " uses the unknown placeholder {"
                  + name
                  + "}: valid placeholders are "
                  + String.join(", ", names.stream().map(n -> "{" + n + "}").toList()));
        }
        if (literal.length() > 0) {
          parts.add(new Literal(literal.toString()));
          literal.setLength(0);
        }
        parts.add(new Placeholder(name));
        i = close + 1;
      } else {
        literal.append(c);
        i++;
      }
    }
    if (literal.length() > 0) {
      parts.add(new Literal(literal.toString()));
    }
    return new Template(List.copyOf(parts));
  }

  String render(Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        out.append(literal.text());
      } else if (part instanceof Placeholder placeholder) {
        out.append(values.getOrDefault(placeholder.name(), ""));
      }
    }
    return out.toString();
  }
}
