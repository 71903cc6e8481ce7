package trafficlight.board.flow;

import java.util.Comparator;
import java.util.List;

/** A project's stages, in chain order. */
public record ProjectFlow(String project, List<StageFlow> stages) {

  public ProjectFlow {
    stages = List.copyOf(stages);
  }

  /** The stages with an open gate, the longest waiting first. */
  public List<StageFlow> stuck() {
    return stages.stream()
        .filter(s -> s.waiting() != null)
        .sorted(Comparator.comparingLong((StageFlow s) -> s.waiting().seconds()).reversed())
        .toList();
  }
}
