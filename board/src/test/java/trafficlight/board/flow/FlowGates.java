package trafficlight.board.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import trafficlight.board.DeployedGates;
import trafficlight.board.GateReader;
import trafficlight.board.web.BoardServer;
import trafficlight.gate.TitleFormat;
import trafficlight.github.Credentials;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.MemoryResponseCache;
import trafficlight.github.RepositoryName;
import trafficlight.github.ResponseCache;
import trafficlight.github.RetryPolicy;

/**
 * Gate issues written by the real resource ({@link DeployedGates}) for {@code myapp}, with its code
 * repository {@code acme/myapp} served by the same localhub, whose commits are authored at chosen
 * times.
 */
final class FlowGates implements AutoCloseable {

  static final String CODE = "acme/myapp";

  final Path code;
  final DeployedGates gates;

  /** The board {@link #startBoard} started and its client, closed with the gates; or null. */
  private GitHubClient github;

  private BoardServer board;

  FlowGates() {
    try {
      code = Files.createTempDirectory("flow-code");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    git("init", "-q", "-b", "main");
    git("remote", "add", "origin", "https://github.com/" + CODE + ".git");
    gates = new DeployedGates(CODE, code);
  }

  /** Commits with this author (and committer) time; returns the SHA. */
  String commit(String message, Instant authored) {
    try {
      Files.writeString(code.resolve("file.txt"), message + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    git("add", "-A");
    gitAt(
        authored,
        "-c",
        "user.name=alice",
        "-c",
        "user.email=alice@example.com",
        "commit",
        "-q",
        "-m",
        message);
    return git("rev-parse", "HEAD");
  }

  Instant now() {
    return gates.hub.clock().instant();
  }

  void advance(Duration d) {
    gates.hub.clock().advance(d);
  }

  GitHubClient client(ResponseCache cache) {
    return new GitHubClient(
        GitHubEndpoint.parse(gates.hub.baseUrl()),
        new Credentials.Token(gates.token),
        Duration.ofSeconds(10),
        new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1)),
        m -> {},
        cache);
  }

  FlowReader reader(GitHubClient github) {
    return new FlowReader(
        github,
        RepositoryName.parse(DeployedGates.REPO),
        TitleFormat.defaultFormat(),
        (Clock) gates.hub.clock());
  }

  /**
   * A board over these gates that does not promote, its flow figures read (the first flow read runs
   * in the background; this one is done on return).
   */
  BoardServer startBoard() throws IOException {
    github = client(new MemoryResponseCache(1000));
    GateReader reader =
        new GateReader(
            github,
            RepositoryName.parse(DeployedGates.REPO),
            TitleFormat.defaultFormat(),
            GateReader.Reading.standard(gates.hub.clock()));
    board =
        BoardServer.start(
            github,
            reader,
            reader(github),
            new BoardServer.Config("127.0.0.1", 0, Duration.ofHours(1), false, m -> {}));
    board.refresh();
    return board;
  }

  private String git(String... args) {
    return gitAt(null, args);
  }

  private String gitAt(Instant at, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", code.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (at != null) {
      pb.environment().put("GIT_AUTHOR_DATE", at.getEpochSecond() + " +0000");
      pb.environment().put("GIT_COMMITTER_DATE", at.getEpochSecond() + " +0000");
    }
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + ": " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (board != null) {
      board.close();
      github.close();
    }
    gates.close();
    try (var files = Files.walk(code)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
