package trafficlight.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import trafficlight.board.web.BoardServer;
import trafficlight.board.web.RepositoryPermissions;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.MemoryResponseCache;

/** {@code trafficlight board}: serves the board's web page until killed. */
@Command(
    name = "board",
    mixinStandardHelpOptions = true,
    description =
        "Serve the board: projects x stages with their lights, a commit search and (with a token"
            + " that may close issues) a Promote button.")
public final class BoardCommand implements Callable<Integer> {

  @Mixin GitHubOptions github;

  @Option(
      names = "--port",
      defaultValue = "8081",
      description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for everyone).")
  String bind;

  @Option(
      names = "--refresh",
      defaultValue = "30",
      description = "Seconds between reads of GitHub (default: ${DEFAULT-VALUE}).")
  int refresh;

  @Option(names = "--read-only", description = "Never offer Promote, whatever the token may do.")
  boolean readOnly;

  @Override
  public Integer call() throws Exception {
    GitHubClient client = github.client(new MemoryResponseCache(5000));
    RepositoryPermissions.Answer permission =
        readOnly
            ? new RepositoryPermissions.Answer(false, "--read-only")
            : RepositoryPermissions.check(
                GitHubEndpoint.parse(github.ghHost),
                github.repo(),
                github.tokenOrNull(),
                Duration.ofSeconds(github.timeout));
    BoardServer server =
        BoardServer.start(
            client,
            github.reader(client),
            new BoardServer.Config(
                bind,
                port,
                Duration.ofSeconds(Math.max(1, refresh)),
                permission.canClose(),
                System.err::println));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  client.close();
                }));
    System.out.println("board listening on " + server.url());
    System.out.println("promote: " + (permission.canClose() ? "on, " : "off, ") + permission.why());
    System.out.flush();
    Thread.currentThread().join();
    return 0;
  }
}
