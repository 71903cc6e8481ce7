package trafficlight.board.flow;

import java.time.Clock;
import java.time.Duration;
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
  private Board board;

  public FlowReader(GitHubClient github, RepositoryName repo, TitleFormat format, Clock clock) {
    this(
        new GateReader(github, repo, format, Integer.MAX_VALUE, Duration.ofMinutes(10), clock),
        CommitTimes.of(github));
  }

  public FlowReader(GateReader reader, CommitTimes times) {
    this.reader = reader;
    this.times = times;
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

  /** The board of the last read (every issue's comments read), or null before the first. */
  public Board board() {
    return board;
  }
}
