package trafficlight.board;

import java.io.IOException;
import java.time.Duration;
import trafficlight.board.web.BoardServer;
import trafficlight.gate.TitleFormat;
import trafficlight.github.GitHubClient;
import trafficlight.github.MemoryResponseCache;
import trafficlight.github.RepositoryName;

/** A seeded localhub and a board over it, for the web tests. */
public final class BoardFixture implements AutoCloseable {

  public static final String REPO = DeployedGates.REPO;

  public final DeployedGates gates = new DeployedGates();
  public final DeployedGates.Seeded seeded = gates.seed();
  final GitHubClient github =
      GitHubFixture.client(gates.hub.baseUrl(), gates.token, new MemoryResponseCache(1000));
  BoardServer server;

  public BoardServer start(boolean canPromote) throws IOException {
    GateReader reader =
        new GateReader(
            github,
            RepositoryName.parse(REPO),
            TitleFormat.defaultFormat(),
            20,
            Duration.ofMinutes(10),
            gates.hub.clock());
    server =
        BoardServer.start(
            github,
            reader,
            new BoardServer.Config("127.0.0.1", 0, Duration.ofHours(1), canPromote, m -> {}));
    return server;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    github.close();
    gates.close();
  }
}
