package trafficlight.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import trafficlight.board.Board;
import trafficlight.board.GateReader;
import trafficlight.board.MemoryResponseCache;
import trafficlight.board.Promotion;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.github.ResponseCache;

/** What the board's one-shot commands share: read the board, print, map failures to exit codes. */
abstract class BoardCommands implements Callable<Integer> {

  /** Exit code when GitHub failed (network, credentials, rate limit). */
  static final int GITHUB_FAILED = 2;

  /** Exit code when the request made no sense on this board (nothing to promote, no commit). */
  static final int REFUSED = 3;

  PrintStream out = System.out;
  PrintStream err = System.err;

  abstract GitHubOptions github();

  abstract int run(GitHubClient github, Board board) throws Exception;

  /** The responses this command may reuse: by default only its own, in memory. */
  ResponseCache responseCache() {
    return new MemoryResponseCache(1000);
  }

  /** After a run that succeeded: keeps what the cache learnt, where it can. */
  void saveCache(ResponseCache cache) {}

  @Override
  public Integer call() throws Exception {
    ResponseCache cache = responseCache();
    try (GitHubClient github = github().client(cache)) {
      GateReader reader = github().reader(github);
      int exit = run(github, reader.read());
      saveCache(cache);
      return exit;
    } catch (Promotion.Refused e) {
      err.println(e.getMessage());
      return REFUSED;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return REFUSED;
    } catch (GitHubException e) {
      err.println(e.getMessage());
      return GITHUB_FAILED;
    }
  }

  /** Colour on a terminal, unless NO_COLOR is set. */
  static boolean colour(String mode) {
    return switch (mode) {
      case "always" -> true;
      case "never" -> false;
      default -> System.console() != null && System.getenv("NO_COLOR") == null;
    };
  }
}
