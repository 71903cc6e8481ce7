package trafficlight.board.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import trafficlight.board.Board;
import trafficlight.board.GateReader;
import trafficlight.gate.TitleFormat;
import trafficlight.github.GitHubClient;
import trafficlight.github.RepositoryName;

/**
 * Reads a repository's gate issues for flow figures: a {@link GateReader} that reads the comments
 * of every gate issue (the board's reads only the newest of each stage), each once for as long as
 * it keeps its {@code updated_at}; under the client's response cache a later read costs conditional
 * requests only. Author times of recorded commits come from {@link CommitTimes}.
 *
 * <p>Not thread-safe: the caller serializes use of the client.
 */
public final class FlowReader {

  private final GateReader reader;
  private final CommitTimes times;
  private final Clock clock;
  private Board board;

  public FlowReader(GitHubClient github, RepositoryName repo, TitleFormat format, Clock clock) {
    this.reader =
        new GateReader(
            github,
            repo,
            format,
            new GateReader.Reading(Integer.MAX_VALUE, Duration.ofMinutes(10), clock));
    this.times = CommitTimes.of(github);
    this.clock = clock;
  }

  /** The clock the figures are taken by (how long an open gate has waited). */
  public Clock clock() {
    return clock;
  }

  public RepositoryName repository() {
    return reader.repository();
  }

  /** Reads what changed and figures the window of {@code window} up to now. */
  public FlowReport read(Duration window) {
    board = reader.read();
    return figures(window);
  }

  /** The figures of the last read over another window, without reading GitHub again. */
  public FlowReport figures(Duration window) {
    if (board == null) {
      throw new IllegalStateException("nothing read yet");
    }
    return FlowStats.of(board, board.readAt().minus(window), times);
  }

  /**
   * The figures of every issue of the last read, without lead times (no commit is asked about):
   * what only grows as issues are added, for counters. Null before the first read.
   */
  public FlowReport allTime() {
    return board == null ? null : FlowStats.of(board, Instant.EPOCH, CommitTimes.NONE);
  }
}
