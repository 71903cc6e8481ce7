package trafficlight.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import trafficlight.gate.Suggestions;

/**
 * Reads the values of a file's SnakeYAML nodes and keeps, rather than throws, what is wrong with
 * them, each with its line: so that a reader can go on and report every mistake of the file at
 * once. A method that finds a mistake records it and answers null or what it could read.
 */
final class YamlNodes {

  private final String file;
  private final List<ChainError> errors = new ArrayList<>();

  /**
   * @param file the name errors give the file
   */
  YamlNodes(String file) {
    this.file = file;
  }

  /** The mistakes found so far, in the order they were found. */
  List<ChainError> errors() {
    return errors;
  }

  /** Records a mistake at a line (0: the file as a whole). */
  void error(int line, String message, String fix) {
    errors.add(new ChainError(file, line, message, fix));
  }

  /** Records that the mapping lacks {@code key}; {@code fix} is what to add. */
  void missing(MappingNode map, String key, String fix) {
    error(line(map), "missing key \"" + key + "\"", "add " + fix);
  }

  /**
   * The value nodes of {@code node}'s keys as {@link #keys} reads them, or null after recording
   * that it is not a mapping.
   *
   * @param problem what the mistake is, e.g. {@code "issues is not a mapping"}
   */
  Map<String, Node> keysOf(
      Node node, List<String> valid, String where, String problem, String fix) {
    if (node instanceof MappingNode map) {
      return keys(map, valid, where);
    }
    error(line(node), problem, fix);
    return null;
  }

  /**
   * The value nodes of a mapping by key; unknown and repeated keys are mistakes.
   *
   * @param where what errors put before the key, e.g. {@code "issues: "}
   */
  Map<String, Node> keys(MappingNode map, List<String> valid, String where) {
    Map<String, Node> keys = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      String key = keyOf(tuple);
      Node keyNode = tuple.getKeyNode();
      if (!valid.contains(key)) {
        String near = Suggestions.nearest(key, valid);
        error(
            line(keyNode),
            "unknown key \"" + where + key + "\"",
            near != null ? "did you mean \"" + near + "\"?" : "valid keys are " + valid);
      } else if (keys.containsKey(key)) {
        error(
            line(keyNode),
            "key \"" + where + key + "\" appears twice (first at line " + line(keys.get(key)) + ")",
            "keep one of them");
      } else {
        keys.put(key, tuple.getValueNode());
      }
    }
    return keys;
  }

  /** The text of {@code key}: missing, empty or not one value is a mistake. */
  String requiredString(Map<String, Node> keys, MappingNode map, String key, String fix) {
    if (!keys.containsKey(key)) {
      missing(map, key, fix);
      return null;
    }
    String value = scalar(keys.get(key), key);
    if (value != null && value.isBlank()) {
      error(line(keys.get(key)), key + " is empty", fix);
      return null;
    }
    return value;
  }

  /** The text of {@code key}, or {@code fallback} without it. */
  String optionalString(Map<String, Node> keys, String key, String fallback) {
    return keys.containsKey(key) ? scalar(keys.get(key), key) : fallback;
  }

  /**
   * The text of a single value; null (and a mistake) for a list, a mapping or a null.
   *
   * @param what how errors name the value
   */
  String scalar(Node node, String what) {
    if (node instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())) {
      return scalar.getValue();
    }
    error(line(node), what + " is not a single value", "write one value after the colon");
    return null;
  }

  /** The texts of a list under {@code key} (none without it). */
  List<String> strings(Map<String, Node> keys, String key) {
    Node node = keys.get(key);
    if (node == null) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    if (node instanceof SequenceNode list) {
      for (Node item : list.getValue()) {
        String value = scalar(item, "an entry of " + key);
        if (value != null) {
          values.add(value);
        }
      }
    } else {
      error(line(node), key + " is not a list", key + ": [a, b]");
    }
    return values;
  }

  /** A mapping's key as text; {@code ?} for a key that is not a single value. */
  static String keyOf(NodeTuple tuple) {
    return tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
  }

  /**
   * A node as plain Java values: maps, lists, strings, longs, doubles, booleans and null, read with
   * YAML 1.1's tags as SnakeYAML resolved them (a number Java does not read, such as 0x1f, stays
   * text).
   */
  static Object value(Node node) {
    if (node instanceof MappingNode map) {
      Map<String, Object> value = new LinkedHashMap<>();
      for (NodeTuple tuple : map.getValue()) {
        value.put(keyOf(tuple), value(tuple.getValueNode()));
      }
      return value;
    }
    if (node instanceof SequenceNode list) {
      return list.getValue().stream().map(YamlNodes::value).toList();
    }
    ScalarNode scalar = (ScalarNode) node;
    Tag tag = scalar.getTag();
    String text = scalar.getValue();
    try {
      if (Tag.NULL.equals(tag)) {
        return null;
      } else if (Tag.BOOL.equals(tag)) {
        return Boolean.valueOf(text.toLowerCase(Locale.ROOT).matches("true|yes|on|y"));
      } else if (Tag.INT.equals(tag)) {
        return Long.valueOf(text.replace("_", ""));
      } else if (Tag.FLOAT.equals(tag)) {
        return Double.valueOf(text.replace("_", ""));
      }
    } catch (NumberFormatException notPlain) {
      return text;
    }
    return text;
  }

  /** A node's line from 1; 0 for no node. */
  static int line(Node node) {
    return node == null ? 0 : node.getStartMark().getLine() + 1;
  }
}
