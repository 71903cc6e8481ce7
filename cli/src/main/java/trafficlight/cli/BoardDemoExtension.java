package trafficlight.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import trafficlight.board.GateReader;
import trafficlight.board.Project;
import trafficlight.board.Stage;
import trafficlight.board.web.BoardServer;
import trafficlight.gate.TitleFormat;
import trafficlight.github.Credentials;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.MemoryResponseCache;
import trafficlight.github.RepositoryName;
import trafficlight.github.RetryPolicy;

/**
 * The board in {@code trafficlight demo}: served next to localhub and the runner, refreshed every
 * two seconds, with Promote on; each "Next: close #n" also names the board and {@code trafficlight
 * promote}.
 */
final class BoardDemoExtension implements DemoExtension {

  private GitHubClient github;
  private BoardServer server;

  @Override
  public void started(Session session, PrintStream out) {
    github =
        new GitHubClient(
            GitHubEndpoint.parse(session.hubUrl()),
            new Credentials.Token(session.token()),
            Duration.ofSeconds(10),
            RetryPolicy.DEFAULT,
            m -> {},
            new MemoryResponseCache(1000));
    GateReader reader =
        new GateReader(
            github,
            RepositoryName.parse(session.repo()),
            TitleFormat.parse(session.chain().title()),
            20,
            Duration.ofMinutes(10),
            java.time.Clock.systemUTC());
    try {
      server =
          BoardServer.start(
              github,
              reader,
              new BoardServer.Config("127.0.0.1", 0, Duration.ofSeconds(2), true, m -> {}));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println("  the board (what is where)      " + server.url());
  }

  @Override
  public List<String> howToPromote(Session session, int issue, String nextStage) {
    if (server == null) {
      return List.of();
    }
    server.refresh();
    for (Project p : server.board().projects()) {
      for (Stage s : p.stages()) {
        if (s.latest() != null && s.latest().number() == issue) {
          return List.of(
              "or click Promote on the board: " + server.url(),
              "or: GITHUB_TOKEN="
                  + session.token()
                  + " trafficlight promote "
                  + p.name()
                  + " "
                  + s.shortName()
                  + " --gh-host "
                  + session.hubUrl()
                  + " --repository "
                  + session.repo()
                  + titleFormatOption(session, s));
        }
      }
    }
    return List.of("or use the board: " + server.url());
  }

  /** {@code --title-format} only when the default format would not read the stage's titles. */
  private static String titleFormatOption(Session session, Stage stage) {
    var title = TitleFormat.defaultFormat().match(stage.latest().title());
    if (title.isPresent() && title.get().project().equals(stage.project())) {
      return "";
    }
    return " --title-format '" + session.chain().title() + "'";
  }

  @Override
  public void stopped() {
    if (server != null) {
      server.close();
    }
    if (github != null) {
      github.close();
    }
  }
}
