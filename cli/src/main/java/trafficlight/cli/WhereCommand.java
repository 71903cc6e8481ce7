package trafficlight.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import trafficlight.board.Board;
import trafficlight.board.BoardJson;
import trafficlight.board.Where;
import trafficlight.github.GitHubClient;

/** {@code trafficlight where <sha>}: where a commit is deployed, and how to get it further. */
@Command(
    name = "where",
    mixinStandardHelpOptions = true,
    description = "Where a commit is deployed, and what would promote it to the next stage.")
public final class WhereCommand extends OneShotBoardCommand {

  @Mixin GitHubOptions github;

  @Parameters(index = "0", paramLabel = "<sha-or-prefix>", description = "A commit SHA or prefix.")
  String commit;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  GitHubOptions github() {
    return github;
  }

  @Override
  int run(GitHubClient client, Board board) {
    Where.Answer answer = Where.find(board, commit);
    if (json) {
      out.println(BoardJson.write(BoardJson.where(answer), true));
      return answer.found() ? 0 : 1;
    }
    if (!answer.found()) {
      out.println(
          "no deploy in "
              + board.repository()
              + " records commit "
              + answer.query()
              + " (commits are recorded by puts with commit_from)");
      return 1;
    }
    String sha = answer.commits().get(0);
    out.println(
        "commit "
            + sha.substring(0, Math.min(12, sha.length()))
            + (answer.subject() == null ? "" : " " + answer.subject()));
    String project = null;
    int width = answer.stages().stream().mapToInt(s -> s.shortName().length()).max().orElse(0);
    for (Where.StageAnswer s : answer.stages()) {
      if (!s.project().equals(project)) {
        project = s.project();
        out.println(project);
      }
      out.println(
          "  " + s.shortName() + " ".repeat(width - s.shortName().length() + 2) + s.answer());
    }
    return 0;
  }
}
