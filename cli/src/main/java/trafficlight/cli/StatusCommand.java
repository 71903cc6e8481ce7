package trafficlight.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import trafficlight.board.Board;
import trafficlight.board.BoardJson;
import trafficlight.board.Project;
import trafficlight.board.StatusTable;
import trafficlight.github.GitHubClient;

/** {@code trafficlight status}: every stage's light. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show each project's stages with their lights, from the gate issues.")
public final class StatusCommand extends OneShotBoardCommand {

  @Option(names = "--project", description = "Only this project.")
  String project;

  /** When the table is coloured. */
  enum ColorMode {
    auto,
    always,
    never
  }

  @Option(
      names = "--color",
      defaultValue = "auto",
      description = "${COMPLETION-CANDIDATES}: auto is on a terminal (default: ${DEFAULT-VALUE}).")
  ColorMode color;

  @Override
  int run(GitHubClient client, Board board) {
    List<Project> projects = board.projects();
    if (project != null) {
      projects = board.project(project).map(List::of).orElse(List.of());
      if (projects.isEmpty()) {
        err.println(
            "no project \""
                + project
                + "\" in "
                + board.repository()
                + "; projects: "
                + String.join(", ", board.projects().stream().map(Project::name).toList()));
        return REFUSED;
      }
    }
    if (json) {
      out.println(BoardJson.write(BoardJson.board(board, projects), true));
    } else if (projects.isEmpty()) {
      out.println("no gate issues in " + board.repository() + " (label pipeline-workflow)");
    } else {
      out.print(StatusTable.render(projects, colour(color)));
    }
    return 0;
  }

  /** Colour on a terminal, unless NO_COLOR is set. */
  private static boolean colour(ColorMode mode) {
    return switch (mode) {
      case always -> true;
      case never -> false;
      case auto -> System.console() != null && System.getenv("NO_COLOR") == null;
    };
  }
}
