package trafficlight.board;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import trafficlight.board.web.BoardServer;
import trafficlight.board.web.SignIn;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.GateEvent;
import trafficlight.gate.TitleFormat;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.MemoryResponseCache;
import trafficlight.github.OAuthWebFlow;
import trafficlight.github.RepositoryName;

/** A seeded localhub and a board over it, for the web tests. */
public final class BoardFixture implements AutoCloseable {

  public static final String REPO = DeployedGates.REPO;
  public static final String CLIENT_ID = "Iv1.board";
  public static final String CLIENT_SECRET = "board-client-s3cret";

  public final DeployedGates gates = new DeployedGates();
  public final DeployedGates.Seeded seeded = gates.seed();

  /** The gate events the fixture's boards sent, in order. */
  public final List<GateEvent> events = new CopyOnWriteArrayList<>();

  GitHubClient github =
      GitHubFixture.client(gates.hub.baseUrl(), gates.token, new MemoryResponseCache(1000));
  BoardServer server;

  /** A board without sign-in that promotes with {@code login}'s token as its own. */
  public BoardServer startAs(String login) throws IOException {
    github.close();
    github =
        GitHubFixture.client(
            gates.hub.baseUrl(), gates.hub.createToken(login), new MemoryResponseCache(1000));
    return start(true);
  }

  public BoardServer start(boolean canPromote) throws IOException {
    return start(new BoardServer.Config("127.0.0.1", 0, Duration.ofHours(1), canPromote, m -> {}));
  }

  /**
   * A board with GitHub sign-in through localhub's OAuth App {@link #CLIENT_ID} (its callback: any
   * port of 127.0.0.1, as GitHub allows for loopback callbacks).
   *
   * @param publicUrl the board's public URL, or null for its own
   */
  public BoardServer startWithSignIn(Function<Stage, Optional<ApprovalRule>> rules, URI publicUrl)
      throws IOException {
    gates.hub.registerOAuthApp(
        CLIENT_ID, CLIENT_SECRET, publicUrl == null ? "http://127.0.0.1" : publicUrl.toString());
    OAuthWebFlow flow =
        new OAuthWebFlow(
            GitHubEndpoint.parse(gates.hub.baseUrl()).webBase(),
            CLIENT_ID,
            CLIENT_SECRET,
            Duration.ofSeconds(10));
    return start(
        new BoardServer.Config("127.0.0.1", 0, Duration.ofHours(1), false, m -> {})
            .withSignIn(new SignIn(flow, publicUrl, "repo"), rules));
  }

  /** Starts a board with {@code config}; the gate events it sends go to {@link #events}. */
  public BoardServer start(BoardServer.Config config) throws IOException {
    GateReader reader =
        new GateReader(
            github,
            RepositoryName.parse(REPO),
            TitleFormat.defaultFormat(),
            GateReader.Reading.standard(gates.hub.clock()));
    server = BoardServer.start(github, reader, config.withEvents(events::add));
    // the first read of the flow figures runs in the background; this settles it, so that the
    // requests a test counts from here are its own
    server.refresh();
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
