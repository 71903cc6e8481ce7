package trafficlight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import trafficlight.board.web.BoardServer;
import trafficlight.github.GitHubClient;
import trafficlight.github.MemoryResponseCache;
import trafficlight.localhub.LocalHub;

/** {@code trafficlight board}: the settings it refuses, and sign-in wired to GitHub's web host. */
class BoardCommandTest {

  static final String SECRET = "oauth-s3cret";

  @TempDir Path dir;
  @AutoClose LocalHub hub;
  String token;
  final Map<String, String> env = new HashMap<>();
  @AutoClose GitHubClient client;
  @AutoClose BoardServer server;

  @BeforeEach
  void start() {
    hub = LocalHub.start();
    hub.createRepo("acme/deploy-gates");
    token = hub.createToken("board-bot");
  }

  BoardCommand commandOn(String ghHost, String... args) {
    BoardCommand command = new BoardCommand();
    command.environment = env::get;
    String[] all = new String[args.length + 8];
    all[0] = "--gh-host";
    all[1] = ghHost;
    all[2] = "--repository";
    all[3] = "acme/deploy-gates";
    all[4] = "--token";
    all[5] = token;
    all[6] = "--port";
    all[7] = "0";
    System.arraycopy(args, 0, all, 8, args.length);
    new CommandLine(command).parseArgs(all);
    client = command.github.client(new MemoryResponseCache(10));
    return command;
  }

  BoardCommand command(String... args) {
    return commandOn(hub.baseUrl(), args);
  }

  @Test
  void promoteWithTheBoardsTokenOnEveryAddressIsRefused() {
    assertThatThrownBy(() -> command("--bind", "0.0.0.0").start(client))
        .isInstanceOf(BoardCommand.Refused.class)
        .hasMessageStartingWith("board: refusing to serve Promote on 0.0.0.0 without sign-in")
        .hasMessageContaining("--read-only")
        .hasMessageContaining("--oauth-client-id")
        .hasMessageNotContaining(token);
  }

  @Test
  void signInNeedsTheSecretFromTheEnvironmentOrAFileAndAnHttpsPublicUrlOffLoopback()
      throws Exception {
    assertThatThrownBy(() -> command("--oauth-client-id", "Iv1.b").start(client))
        .hasMessage(
            "board: --oauth-client-id needs the OAuth App's client secret: set"
                + " GITHUB_OAUTH_CLIENT_SECRET or give --oauth-client-secret-file FILE");
    env.put(BoardCommand.SECRET_VARIABLE, SECRET);
    assertThatThrownBy(
            () -> command("--oauth-client-id", "Iv1.b", "--bind", "0.0.0.0").start(client))
        .hasMessageContaining("without --public-url")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(
            () ->
                command(
                        "--oauth-client-id",
                        "Iv1.b",
                        "--bind",
                        "0.0.0.0",
                        "--public-url",
                        "http://board.example.com")
                    .start(client))
        .hasMessageContaining("plain-http --public-url http://board.example.com");
    assertThatThrownBy(() -> command("--oauth-client-id", "Iv1.b", "--read-only").start(client))
        .hasMessageContaining("contradict");
    Path empty = Files.writeString(dir.resolve("empty"), "\n", StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                command(
                        "--oauth-client-id",
                        "Iv1.b",
                        "--oauth-client-secret-file",
                        empty.toString())
                    .start(client))
        .hasMessageContaining("is empty");
    assertThatThrownBy(() -> command("--public-url", "board.example.com").start(client))
        .hasMessageContaining("--public-url must be");
  }

  @Test
  void signInSendsPeopleToTheWebHostBesideTheApi() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), SECRET + "\n", StandardCharsets.UTF_8);
    hub.registerOAuthApp("Iv1.b", SECRET, "http://127.0.0.1");
    server =
        commandOn(
                hub.enterpriseBaseUrl(),
                "--oauth-client-id",
                "Iv1.b",
                "--oauth-client-secret-file",
                secret.toString())
            .start(client);
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.url() + "/signin")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location").orElseThrow())
        .startsWith(hub.baseUrl() + "/login/oauth/authorize?client_id=Iv1.b&redirect_uri=")
        .doesNotContain(SECRET);
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(r.headers().firstValue("Location").get()))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as("localhub knows the App and the callback").isEqualTo(200);
  }
}
