package trafficlight.resource.gate;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code put} step's params, as mitodl's resource takes them. */
record PutParams(List<String> labels, List<String> assignees, String bodyFile) {

  static PutParams parse(Map<String, Object> params) {
    ConfigReader read =
        new ConfigReader("put params", params, Set.of("labels", "assignees", "body_file"));
    return new PutParams(
        read.strings("labels"), read.strings("assignees"), read.string("body_file", null));
  }
}
