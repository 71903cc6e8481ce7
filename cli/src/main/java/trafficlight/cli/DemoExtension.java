package trafficlight.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import trafficlight.pipeline.Chain;

/**
 * The hook for what the demo shows besides its own output: issue 5's board and {@code trafficlight
 * promote} plug in here (add an instance to {@link DemoCommand#extensions()}).
 */
interface DemoExtension {

  /**
   * Everything a service needs to find the demo's gate issues and pipeline.
   *
   * @param hubUrl localhub's base URL (the GitHub API, as {@code gh_host})
   * @param repo the gate issues' repository
   * @param token a token that reads and writes it
   * @param runnerUrl the local runner's build pages (ATC_EXTERNAL_URL)
   * @param chain the demo's chain
   * @param pipeline the generated pipeline file
   */
  record Session(
      String hubUrl, String repo, String token, String runnerUrl, Chain chain, Path pipeline) {}

  /** localhub and the runner are up: start services and say where they are. */
  default void started(Session session, PrintStream out) {}

  /**
   * More ways to give the go-ahead for an open gate issue, printed under the curl command (e.g.
   * "close it on the board at URL", "trafficlight promote ...").
   */
  default List<String> howToPromote(Session session, int issue, String nextStage) {
    return List.of();
  }

  /** The demo ends: stop what {@link #started} started. */
  default void stopped() {}
}
