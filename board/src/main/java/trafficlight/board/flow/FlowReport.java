package trafficlight.board.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where changes waited in a gate repository over a window.
 *
 * @param since the window's start
 * @param until the window's end: when the issues were read
 */
public record FlowReport(
    String repository, Instant since, Instant until, List<ProjectFlow> projects) {

  public FlowReport {
    projects = List.copyOf(projects);
  }

  public Duration window() {
    return Duration.between(since, until);
  }

  public Optional<ProjectFlow> project(String name) {
    return projects.stream().filter(p -> p.project().equalsIgnoreCase(name)).findFirst();
  }

  /** Deploys that lead time left out because their issues record no commit, over all stages. */
  public int withoutCommit() {
    return projects.stream()
        .flatMap(p -> p.stages().stream())
        .mapToInt(s -> s.leftOut().withoutCommit())
        .sum();
  }
}
