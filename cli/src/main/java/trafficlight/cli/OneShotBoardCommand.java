package trafficlight.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import trafficlight.board.Board;
import trafficlight.board.GateReader;
import trafficlight.board.Promotion;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.github.MemoryResponseCache;
import trafficlight.github.ResponseCache;

/**
 * What {@code status}, {@code where} and {@code promote} share, unlike the long-running {@link
 * BoardCommand}: read the board once, answer from it, map failures to exit codes.
 */
abstract class OneShotBoardCommand implements Callable<Integer> {

  /** Exit code when GitHub failed (network, credentials, rate limit). */
  static final int GITHUB_FAILED = 2;

  /** Exit code when the request made no sense on this board (nothing to promote, no commit). */
  static final int REFUSED = 3;

  @Mixin GitHubOptions github;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  PrintStream out = System.out;
  PrintStream err = System.err;

  /** Prints the answer to {@code out} and the errors and notes to {@code err} instead. */
  void printTo(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  abstract int run(GitHubClient github, Board board) throws Exception;

  /** The responses this command may reuse: by default only its own, in memory. */
  ResponseCache responseCache() {
    return new MemoryResponseCache(1000);
  }

  /** After a run that succeeded: keeps what the cache learnt, where it can. */
  void saveCache(ResponseCache cache) {}

  /**
   * Runs the command. The client's notes (a retry, a write found after a lost response) are held
   * until the end: printed when the command succeeds; when it fails, its one line says it all.
   */
  @Override
  public Integer call() throws Exception {
    ResponseCache cache = responseCache();
    List<String> notes = new ArrayList<>();
    try (GitHubClient client = github.client(cache, err, notes::add)) {
      GateReader reader = github.reader(client);
      int exit = run(client, reader.read());
      saveCache(cache);
      notes.forEach(err::println);
      return exit;
    } catch (Promotion.Refused | IllegalArgumentException e) {
      err.println(e.getMessage());
      return REFUSED;
    } catch (GitHubException e) {
      err.println(github.explain(e));
      return GITHUB_FAILED;
    }
  }
}
