package trafficlight.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import trafficlight.board.Board;
import trafficlight.board.GateReader;
import trafficlight.board.MemoryResponseCache;
import trafficlight.board.Promotion;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;

/**
 * What {@code status}, {@code where} and {@code promote} share, unlike the long-running {@link
 * BoardCommand}: read the board once, answer from it, map failures to exit codes.
 */
abstract class OneShotBoardCommand implements Callable<Integer> {

  /** Exit code when GitHub failed (network, credentials, rate limit). */
  static final int GITHUB_FAILED = 2;

  /** Exit code when the request made no sense on this board (nothing to promote, no commit). */
  static final int REFUSED = 3;

  PrintStream out = System.out;
  PrintStream err = System.err;

  abstract GitHubOptions github();

  abstract int run(GitHubClient github, Board board) throws Exception;

  @Override
  public Integer call() throws Exception {
    try (GitHubClient github = github().client(new MemoryResponseCache(1000))) {
      GateReader reader = github().reader(github);
      return run(github, reader.read());
    } catch (Promotion.Refused | IllegalArgumentException e) {
      err.println(e.getMessage());
      return REFUSED;
    } catch (GitHubException e) {
      err.println(e.getMessage());
      return GITHUB_FAILED;
    }
  }
}
