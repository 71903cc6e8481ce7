package trafficlight.resource.gate;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code put} step's params: mitodl's {@code labels}, {@code assignees} and {@code body_file};
 * {@code commit_from}, a git checkout whose commit the issue records for the board; and {@code
 * next_stage}, the stage a close promotes to, as the chain spells it (the generator sets it).
 */
record PutParams(
    List<String> labels,
    List<String> assignees,
    String bodyFile,
    String commitFrom,
    String nextStage) {

  static PutParams parse(Map<String, Object> params) {
    ConfigReader read =
        new ConfigReader(
            "put params",
            params,
            Set.of("labels", "assignees", "body_file", "commit_from", "next_stage"));
    return new PutParams(
        read.strings("labels"),
        read.strings("assignees"),
        read.string("body_file", null),
        read.string("commit_from", null),
        read.string("next_stage", null));
  }
}
