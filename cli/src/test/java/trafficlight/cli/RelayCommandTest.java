package trafficlight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import trafficlight.relay.RelayConfigException;
import trafficlight.relay.RelayServer;

/** {@code trafficlight relay}: its options, its refusals and a relay that serves. */
class RelayCommandTest {

  static final String PIPELINE =
      """
      resources:
      - name: qa-gate
        type: github-issues
        check_every: 1h
        webhook_token: ((relay_token))
        source:
          repository: my-org/deploy-gates
          issue_prefix: "[bot] Pulumi myapp applications.myapp.QA deployed."
          issue_state: closed
          approvers: ["@my-org/release"]
      """;

  @TempDir Path dir;

  RelayCommand command(Map<String, String> environment, String... args) throws Exception {
    Path pipeline = dir.resolve("pipeline.yml");
    Files.writeString(pipeline, PIPELINE, StandardCharsets.UTF_8);
    RelayCommand command = new RelayCommand();
    command.environment = environment::get;
    String[] all = new String[args.length + 6];
    all[0] = "--concourse-url";
    all[1] = "http://127.0.0.1:1";
    all[2] = "--pipeline";
    all[3] = "myapp/branch:main=" + pipeline;
    all[4] = "--port";
    all[5] = "0";
    System.arraycopy(args, 0, all, 6, args.length);
    new CommandLine(command).parseArgs(all);
    return command;
  }

  @Test
  void withoutASecretItRefusesToStartSayingWhereOneComesFrom() throws Exception {
    RelayCommand command = command(Map.of(), "--var", "relay_token=t");
    assertThatThrownBy(command::start)
        .isInstanceOf(RelayConfigException.class)
        .hasMessageContaining("GITHUB_WEBHOOK_SECRET")
        .hasMessageContaining("--secret-file");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThat(command.call()).isEqualTo(2);
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8).strip())
        .startsWith("relay: no webhook secret")
        .doesNotContain("\n");
  }

  @Test
  void aVarWithoutValueIsNamedWithItsFile() throws Exception {
    RelayCommand command = command(Map.of(RelayCommand.SECRET_VARIABLE, "s"));
    assertThatThrownBy(command::start)
        .hasMessageContaining("((relay_token))")
        .hasMessageContaining("pipeline.yml")
        .hasMessageContaining("--var");
  }

  @Test
  void aSecretFileAndVarsFileStartARelayThatServesHealthz() throws Exception {
    Path secret = dir.resolve("secret");
    Files.writeString(secret, "from-a-file\n", StandardCharsets.UTF_8);
    Path vars = dir.resolve("vars.yml");
    Files.writeString(vars, "relay_token: t\n", StandardCharsets.UTF_8);
    RelayCommand command =
        command(Map.of(), "--secret-file", secret.toString(), "--load-vars-from", vars.toString());
    try (RelayServer relay = command.start()) {
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + relay.port() + "/healthz"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("1 routes");
    }
  }

  @Test
  void aPublicUrlNamesTheHostItAnswersAndAnUnsafeOneIsRefusedAtStart() throws Exception {
    Map<String, String> env = Map.of(RelayCommand.SECRET_VARIABLE, "s");
    for (String unsafe :
        new String[] {
          "relay.example.com", "https://relay.example.com/github", "https://u:p@relay.example.com"
        }) {
      assertThatThrownBy(
              () -> command(env, "--var", "relay_token=t", "--public-url", unsafe).start())
          .as(unsafe)
          .isInstanceOf(RelayConfigException.class)
          .hasMessageContaining("--public-url");
    }
    RelayCommand command =
        command(env, "--var", "relay_token=t", "--public-url", "https://relay.example.com/");
    assertThat(printedOnStart(command, System.out, System::setOut))
        .contains(
            "relay answers the hosts 127.0.0.1, localhost, relay.example.com, 127.0.0.0/8, [::1]");
  }

  String stderrOfStart(RelayCommand command) {
    return printedOnStart(command, System.err, System::setErr);
  }

  /**
   * What the relay's start printed on one of the process's streams ({@code stream}, which {@code
   * replace} swaps), the relay closed again.
   */
  static String printedOnStart(
      RelayCommand command, PrintStream stream, Consumer<PrintStream> replace) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    replace.accept(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (RelayServer relay = command.start()) {
      assertThat(relay.port()).isPositive();
    } finally {
      replace.accept(stream);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withoutAGitHubTokenItSaysRefusedClosesStayClosed() throws Exception {
    RelayCommand command =
        command(Map.of(RelayCommand.SECRET_VARIABLE, "s"), "--var", "relay_token=t");
    assertThat(stderrOfStart(command))
        .isEqualTo(
            "relay: no GitHub token (GITHUB_TOKEN or --github-token-file): refused closes will not"
                + " be reopened (1 resources have approvers)\n");
  }

  @Test
  void aGitHubTokenFromTheEnvironmentOrAFileReopensAndIsNeverPrinted() throws Exception {
    String token = "ghp_relaytoken0000000000000000000000000";
    RelayCommand fromEnvironment =
        command(
            Map.of(RelayCommand.SECRET_VARIABLE, "s", RelayCommand.TOKEN_VARIABLE, token),
            "--var",
            "relay_token=t",
            "--gh-host",
            "https://ghe.example.com/api/v3/");
    assertThat(stderrOfStart(fromEnvironment))
        .isEqualTo(
            "relay: closes that the approvers of 1 resources refuse will be reopened through"
                + " https://ghe.example.com/api/v3\n");

    Path file = dir.resolve("token");
    Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
    RelayCommand fromFile =
        command(
            Map.of(RelayCommand.SECRET_VARIABLE, "s"),
            "--var",
            "relay_token=t",
            "--github-token-file",
            file.toString());
    assertThat(stderrOfStart(fromFile)).contains("will be reopened").doesNotContain(token);

    Files.writeString(file, "\n", StandardCharsets.UTF_8);
    assertThatThrownBy(fromFile::start)
        .isInstanceOf(RelayConfigException.class)
        .hasMessage("--github-token-file " + file + " is empty");
  }
}
