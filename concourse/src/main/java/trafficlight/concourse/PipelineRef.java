package trafficlight.concourse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pipeline as Concourse's API addresses it: a name and, for an instanced pipeline, its instance
 * vars, written as fly writes them ({@code NAME/KEY:VALUE,…}).
 *
 * <p>The API takes instance vars in the query, one parameter per var: {@code vars.KEY=<the value as
 * JSON>}, keys sorted, a nested mapping flattened into dotted keys ({@code vars.a.b=1}). That is
 * {@code PipelineRef.QueryParams} in concourse/concourse {@code atc/pipeline.go}, read back by
 * {@code InstanceVarsFromQueryParams} there, which {@code
 * atc/api/pipelineserver/scoped_handler_factory.go} applies to the check webhook's route. The
 * {@code KEY:VALUE,…} form follows fly's {@code
 * fly/commands/internal/flaghelpers/instance_vars_flag.go}: each value is YAML, a comma inside
 * quotes, brackets or braces does not end it, and a key with {@code .,:/ } or a space is quoted.
 *
 * @param instanceVars the instance vars, flattened and sorted by key; empty for a plain pipeline
 */
public record PipelineRef(String name, Map<String, Object> instanceVars) {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  public PipelineRef {
    instanceVars = new TreeMap<>(instanceVars);
  }

  /** A plain pipeline, not instanced. */
  public static PipelineRef named(String name) {
    return new PipelineRef(name, Map.of());
  }

  /**
   * {@code NAME} or {@code NAME/KEY:VALUE,…}.
   *
   * @throws IllegalArgumentException a form that is neither, saying what to write
   */
  public static PipelineRef parse(String text) {
    int slash = text.indexOf('/');
    String name = slash < 0 ? text : text.substring(0, slash);
    if (name.isBlank()) {
      throw new IllegalArgumentException(
          "pipeline \"" + text + "\" has no name: write NAME or NAME/KEY:VALUE,…");
    }
    Map<String, Object> vars = new TreeMap<>();
    if (slash >= 0) {
      String rest = text.substring(slash + 1);
      for (String pair : splitOutsideQuotesAndBrackets(rest)) {
        int colon = indexOutsideQuotes(pair, ':');
        if (colon <= 0) {
          throw new IllegalArgumentException(
              "instance vars \""
                  + rest
                  + "\" of pipeline "
                  + name
                  + " are not KEY:VALUE,…: write e.g. "
                  + name
                  + "/branch:main");
        }
        String key = pair.substring(0, colon).strip();
        flatten(key, yaml(pair.substring(colon + 1), key, name), vars);
      }
    }
    return new PipelineRef(name, vars);
  }

  /** The query that selects this instance, {@code vars.KEY=JSON&…} encoded; empty for none. */
  public String query() {
    List<String> params = new ArrayList<>();
    instanceVars.forEach(
        (key, value) ->
            params.add(
                URLEncoder.encode("vars." + key, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(json(value), StandardCharsets.UTF_8)));
    return String.join("&", params);
  }

  @Override
  public String toString() {
    if (instanceVars.isEmpty()) {
      return name;
    }
    List<String> parts = new ArrayList<>();
    instanceVars.forEach((key, value) -> parts.add(key + ":" + json(value)));
    return name + "/" + String.join(",", parts);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object yaml(String text, String key, String pipeline) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return YAML.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "instance var " + key + " of pipeline " + pipeline + " is not a YAML value: " + text);
    }
  }

  private static void flatten(String path, Object value, Map<String, Object> flat) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> flatten(path + "." + segment(String.valueOf(k)), v, flat));
    } else {
      flat.put(path, value);
    }
  }

  /**
   * A field of a nested value as Concourse writes references: quoted when it holds .,:/ or a space.
   */
  private static String segment(String field) {
    return field.matches(".*[,.:/ ].*") ? "\"" + field.replace("\"", "\\\"") + "\"" : field;
  }

  private static List<String> splitOutsideQuotesAndBrackets(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static int indexOutsideQuotes(String text, char wanted) {
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == wanted && !quoted) {
        return i;
      }
    }
    return -1;
  }
}
