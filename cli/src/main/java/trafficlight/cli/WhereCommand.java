package trafficlight.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import trafficlight.board.Ancestry;
import trafficlight.board.Board;
import trafficlight.board.BoardJson;
import trafficlight.board.LocalClone;
import trafficlight.board.Where;
import trafficlight.github.GitHubClient;

/** {@code trafficlight where <sha>}: where a commit is deployed, and how to get it further. */
@Command(
    name = "where",
    mixinStandardHelpOptions = true,
    description = "Where a commit is deployed, and what would promote it to the next stage.")
public final class WhereCommand extends BoardCommands {

  @Mixin GitHubOptions github;

  @Parameters(index = "0", paramLabel = "<sha-or-prefix>", description = "A commit SHA or prefix.")
  String commit;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  GitHubOptions github() {
    return github;
  }

  @Option(
      names = "--git-dir",
      paramLabel = "<dir>",
      description =
          "A clone of the code repository to answer ancestry from, without API requests"
              + " (default: the clone the current directory is in, if any).")
  Path gitDir;

  @Option(names = "--no-local-git", description = "Ask GitHub even when run inside a clone.")
  boolean noLocalGit;

  @Override
  int run(GitHubClient client, Board board) {
    Optional<LocalClone> clone =
        noLocalGit
            ? Optional.empty()
            : LocalClone.find(gitDir != null ? gitDir : Path.of("").toAbsolutePath());
    if (gitDir != null && clone.isEmpty() && !noLocalGit) {
      err.println("--git-dir " + gitDir + " is not in a git repository: name a clone's directory");
      return REFUSED;
    }
    Where.Answer answer;
    try {
      answer = Where.find(board, commit, new Ancestry(client, clone.orElse(null)));
    } finally {
      clone.ifPresent(LocalClone::close);
    }
    if (json) {
      out.println(BoardJson.write(BoardJson.where(answer), true));
      return answer.found() ? 0 : 1;
    }
    if (!answer.found()) {
      out.println(answer.note());
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
    if (answer.stages().isEmpty()) {
      out.println("  no stage has deployed it or a commit containing it");
    }
    return 0;
  }
}
