package trafficlight.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
 * two seconds, with Promote on. It also words the demo's other ways to promote an open gate issue:
 * the board's Promote button and the {@code trafficlight promote} command line.
 */
record DemoBoard(ShellLines shell, GitHubClient github, BoardServer server)
    implements AutoCloseable {

  /**
   * Starts the board on a free loopback port.
   *
   * @param hubUrl localhub's base URL (the GitHub API, as {@code gh_host})
   * @param repo the gate issues' repository
   * @param title the chain's title format
   * @param readToken the token the board reads and promotes with
   * @param promoterToken the file holding the token that the printed {@code trafficlight promote}
   *     line uses, a person's: the line reads it from there, so that no token shows on the screen
   */
  static DemoBoard start(
      String hubUrl, String repo, String title, String readToken, Path promoterToken)
      throws IOException {
    GitHubClient github =
        new GitHubClient(
            GitHubEndpoint.parse(hubUrl),
            new Credentials.Token(readToken),
            Duration.ofSeconds(10),
            RetryPolicy.DEFAULT,
            message -> {},
            new MemoryResponseCache(1000));
    GateReader reader =
        new GateReader(github, RepositoryName.parse(repo), TitleFormat.parse(title));
    try {
      BoardServer server =
          BoardServer.start(
              github,
              reader,
              new BoardServer.Config("127.0.0.1", 0, Duration.ofSeconds(2), true, message -> {}));
      return new DemoBoard(new ShellLines(hubUrl, repo, title, promoterToken), github, server);
    } catch (IOException | RuntimeException e) {
      github.close();
      throw e;
    }
  }

  String url() {
    return server.url();
  }

  /**
   * The ways to give the go-ahead for the open gate issue {@code issue}: localhub's close as a
   * person would, with curl; the board's Promote button; and the {@code trafficlight promote} line
   * that does the same from a shell.
   */
  List<String> howToPromote(int issue) {
    server.refresh();
    for (Project project : server.board().projects()) {
      for (Stage stage : project.stages()) {
        if (stage.latest() != null && stage.latest().number() == issue) {
          return List.of(
              shell.close(issue),
              "or click Promote on the board: " + server.url(),
              "or: " + shell.promote(project, stage));
        }
      }
    }
    return List.of(shell.close(issue), "or use the board: " + server.url());
  }

  /**
   * The demo's command lines for a shell.
   *
   * @param hubUrl localhub's base URL
   * @param repo the gate issues' repository
   * @param title the chain's title format
   * @param promoterToken the file holding a person's token, read by the promote line
   */
  record ShellLines(String hubUrl, String repo, String title, Path promoterToken) {

    /** localhub's close of an issue by a person, {@code you}. */
    String close(int issue) {
      return "curl -X POST "
          + hubUrl
          + "/_localhub/repos/"
          + repo
          + "/issues/"
          + issue
          + "/close -d '{\"login\":\"you\"}'";
    }

    /** {@code trafficlight promote} of the stage, with a token that shows on no screen. */
    String promote(Project project, Stage stage) {
      return "GITHUB_TOKEN=$(cat '"
          + promoterToken
          + "') "
          + Hints.TRAFFICLIGHT
          + " promote "
          + project.name()
          + " "
          + stage.shortName()
          + connectionOptions(stage);
    }

    /**
     * The options by which {@code trafficlight status}, {@code where} and {@code promote} find the
     * demo's gates; {@code --title-format} only when the default format would not read the stage's
     * titles.
     */
    private String connectionOptions(Stage stage) {
      Optional<TitleFormat.Title> read = TitleFormat.defaultFormat().match(stage.latest().title());
      boolean defaultReads = read.isPresent() && read.get().project().equals(stage.project());
      return " --gh-host "
          + hubUrl
          + " --repository "
          + repo
          + (defaultReads ? "" : " --title-format '" + title + "'");
    }
  }

  @Override
  public void close() {
    server.close();
    github.close();
  }
}
