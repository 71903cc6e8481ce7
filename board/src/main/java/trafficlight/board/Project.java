package trafficlight.board;

import java.util.List;
import java.util.Optional;

/** A project and its stages, in promotion order. */
public record Project(String name, List<Stage> stages) {

  /** The stage {@code text} names (see {@link Stage#named}). */
  public Optional<Stage> stage(String text) {
    return stages.stream().filter(s -> s.named(text)).findFirst();
  }

  /** The stage that promotes to {@code stage}, or empty. */
  public Optional<Stage> before(Stage stage) {
    return stages.stream()
        .filter(s -> s.next() != null && stage.named(s.next()))
        .filter(s -> s != stage)
        .findFirst();
  }
}
