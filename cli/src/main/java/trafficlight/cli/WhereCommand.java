package trafficlight.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import trafficlight.board.Ancestry;
import trafficlight.board.Board;
import trafficlight.board.BoardJson;
import trafficlight.board.LocalClone;
import trafficlight.board.PullRequestQuery;
import trafficlight.board.Where;
import trafficlight.board.WhereText;
import trafficlight.github.FileResponseCache;
import trafficlight.github.GitHubClient;
import trafficlight.github.ResponseCache;

/**
 * {@code trafficlight where <sha>} (or {@code owner/name#number}): where a commit, or a pull
 * request's merge commit, is deployed, and how to get it further.
 */
@Command(
    name = "where",
    mixinStandardHelpOptions = true,
    description = "Where a commit is deployed, and what would promote it to the next stage.")
public final class WhereCommand extends OneShotBoardCommand {

  @Parameters(
      index = "0",
      paramLabel = "<commit-or-pull-request>",
      description =
          "A commit SHA or prefix, or a pull request as owner/name#number (its merge commit).")
  String commit;

  @Option(
      names = "--git-dir",
      paramLabel = "<dir>",
      description =
          "A clone of the code repository to answer ancestry from, without API requests"
              + " (default: the clone the current directory is in, if any).")
  Path gitDir;

  @Option(names = "--no-local-git", description = "Ask GitHub even when run inside a clone.")
  boolean noLocalGit;

  @Option(
      names = "--cache-file",
      paramLabel = "<file>",
      description =
          "Keep GitHub's answers in this file between runs: comparisons of two commits never"
              + " change, so a repeated where asks for none again (default: none).")
  Path cacheFile;

  @Override
  ResponseCache responseCache() {
    if (cacheFile == null) {
      return super.responseCache();
    }
    return FileResponseCache.load(
        cacheFile,
        github.ghHost + " " + github.repository,
        new FileResponseCache.Limits(2000, 32L << 20));
  }

  @Override
  void saveCache(ResponseCache cache) {
    if (cache instanceof FileResponseCache file && !file.save()) {
      err.println("warning: could not write --cache-file " + cacheFile);
    }
  }

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
      answer =
          PullRequestQuery.find(board, commit, new Ancestry(client, clone.orElse(null)), client);
    } finally {
      clone.ifPresent(LocalClone::close);
    }
    if (json) {
      out.println(BoardJson.write(BoardJson.where(answer), true));
      return answer.found() ? 0 : 1;
    }
    out.print(WhereText.render(answer));
    return answer.found() ? 0 : 1;
  }
}
