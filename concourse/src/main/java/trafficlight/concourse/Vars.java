package trafficlight.concourse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a pipeline's {@code ((vars))} with static values, as {@code fly set-pipeline -v name=value}
 * and {@code -l vars.yml} fill them: in every string of the pipeline, wherever in the string a var
 * stands, with the value as text.
 *
 * <p>A var is named by what stands between its parentheses, spaces around it aside: {@code
 * ((github.token))} is the var {@code github.token}, the name {@code -v github.token=...} gives.
 * That text is the name as a whole: a source prefix ({@code ((vault:token))}) or quoted segments
 * ({@code (("github.com".token))}) are not read apart, so a value is given under that same text.
 * Values are not interpolated again, and mapping keys are left as written.
 */
public final class Vars {

  private static final Pattern VAR = Pattern.compile("\\(\\(([^()]+)\\)\\)");

  private final Map<String, String> values;
  private final String howToGive;

  /**
   * @param values the value of each var by name
   * @param howToGive how the error for a var without value says to give one, e.g. {@code "with
   *     --var NAME=VALUE"}
   */
  public Vars(Map<String, String> values, String howToGive) {
    this.values = Map.copyOf(values);
    this.howToGive = howToGive;
  }

  /**
   * The vars of a vars file ({@code fly -l}), by the names {@code ((vars))} use: a nested mapping's
   * values under dotted names ({@code github: {token: t}} gives {@code github.token}), single
   * values as their text. Lists are no var's value here and are left out.
   */
  public static Map<String, String> flatten(Map<String, Object> file) {
    Map<String, String> flat = new LinkedHashMap<>();
    flatten("", file, flat);
    return flat;
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, String> flat) {
    map.forEach(
        (key, value) -> {
          String name = prefix + key;
          if (value instanceof Map<?, ?> nested) {
            flatten(name + ".", nested, flat);
          } else if (value != null && !(value instanceof List<?>)) {
            flat.put(name, String.valueOf(value));
          }
        });
  }

  /**
   * A copy of {@code value} (strings, maps and lists, as YAML reads them) with its vars filled.
   *
   * @throws IllegalArgumentException naming every var that has no value, and where it first stands
   */
  public <T> T interpolate(T value) {
    Map<String, String> missing = new LinkedHashMap<>();
    T filled = fill(value, "", missing);
    if (!missing.isEmpty()) {
      List<String> names = missing.keySet().stream().map(name -> "((" + name + "))").toList();
      boolean one = names.size() == 1;
      throw new IllegalArgumentException(
          String.join(", ", names)
              + (one ? " has no value" : " have no value")
              + " (at "
              + String.join(", ", missing.values())
              + "): give "
              + (one ? "it " : "them ")
              + howToGive);
    }
    return filled;
  }

  @SuppressWarnings("unchecked")
  private <T> T fill(T value, String where, Map<String, String> missing) {
    if (value instanceof String text) {
      return (T) fill(text, where, missing);
    } else if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach(
          (k, v) -> {
            String key = String.valueOf(k);
            copy.put(key, fill(v, where.isEmpty() ? key : where + "." + key, missing));
          });
      return (T) copy;
    } else if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        copy.add(fill(list.get(i), where + "[" + i + "]", missing));
      }
      return (T) copy;
    }
    return value;
  }

  private String fill(String text, String where, Map<String, String> missing) {
    Matcher m = VAR.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).strip();
      String value = values.get(name);
      if (value == null) {
        missing.putIfAbsent(name, where.isEmpty() ? "the top" : where);
        value = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
