package trafficlight.board;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What is deployed where: every project of the issues repository with its stages.
 *
 * @param columns the stages' short names across projects, in promotion order
 */
public record Board(
    String repository, Instant readAt, List<Project> projects, List<String> columns) {

  public Optional<Project> project(String name) {
    return projects.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
  }

  /** A project's stage in a column, or empty. */
  public Optional<Stage> cell(Project project, String column) {
    return project.stages().stream()
        .filter(s -> Stage.normalize(s.shortName()).equals(Stage.normalize(column)))
        .findFirst();
  }
}
