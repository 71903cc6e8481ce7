package trafficlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import trafficlight.localhub.LocalHub;

/**
 * The command as a user meets it: the packaged jar in a fresh JVM, its exit code, stdout and
 * stderr; GitHub is localhub over a real socket.
 */
class CommandLineIT {

  static Run trafficlight(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(DemoProcess.java(), "-jar"));
    command.add(DemoProcess.jar().toString());
    command.addAll(List.of(args));
    return Run.process(new ProcessBuilder(command), command.toString());
  }

  @Test
  void versionPrintsTheProjectsVersion() throws Exception {
    Run run = trafficlight("--version");

    assertThat(run.code()).isZero();
    assertThat(run.out()).matches("trafficlight \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    assertThat(trafficlight("status", "--version").out()).isEqualTo(run.out());
  }

  @Test
  void anInvalidColorIsAnErrorOnOneLine() throws Exception {
    Run run = trafficlight("status", "--repository", "acme/gates", "--color", "blue");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .hasLineCount(1)
        .contains("--color")
        .contains("[auto, always, never]")
        .contains("'blue'")
        .endsWith("(see ./trafficlight status --help)\n");
  }

  @Test
  void aMissingOptionNamesTheMisspellingGivenInstead() throws Exception {
    Run run = trafficlight("status", "--repo", "acme/gates");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "missing --repository (--repo is no option: did you mean --repository?)"
                + " (see ./trafficlight status --help)\n");
    assertThat(trafficlight("where", "abc1234").err())
        .isEqualTo("missing --repository (see ./trafficlight where --help)\n");
  }

  @Test
  void aMistypedOrMissingCommandIsOneLine() throws Exception {
    Run mistyped = trafficlight("stauts");
    assertThat(mistyped.code()).isEqualTo(2);
    assertThat(mistyped.err())
        .isEqualTo("unknown command stauts: did you mean status? (see ./trafficlight --help)\n");
    assertThat(trafficlight("status", "--repository", "acme/gates", "--jsn").err())
        .isEqualTo(
            "unknown option --jsn: did you mean --json? (see ./trafficlight status --help)\n");
    assertThat(trafficlight().err())
        .startsWith(
            "missing a command: one of localhub, demo, pipeline, status, stats, where, promote,")
        .hasLineCount(1);
  }

  @Test
  void anUnreachableHostIsOneLineWithoutRetriesOrClassNames() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Run run =
        trafficlight(
            "status",
            "--gh-host",
            "http://127.0.0.1:" + closedPort,
            "--repository",
            "acme/gates",
            "--token",
            "t");

    assertThat(run.code()).isEqualTo(OneShotBoardCommand.GITHUB_FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .hasLineCount(1)
        .contains("cannot connect to 127.0.0.1:" + closedPort + " (connection refused)")
        .endsWith("; check --gh-host http://127.0.0.1:" + closedPort + "\n")
        .doesNotContain("Exception")
        .doesNotContain("retrying");
  }

  @Test
  void aRejectedTokenNamesTheCommandsOwnOptions() throws Exception {
    try (LocalHub hub = LocalHub.builder().start()) {
      hub.createRepo("acme/gates");
      Run run =
          trafficlight(
              "status",
              "--gh-host",
              hub.baseUrl(),
              "--repository",
              "acme/gates",
              "--token",
              "ghp_not-a-token-localhub-issued");

      assertThat(run.code()).isEqualTo(OneShotBoardCommand.GITHUB_FAILED);
      assertThat(run.err())
          .isEqualTo(
              "GitHub rejected the token (401 Bad credentials): give a valid one with --token or"
                  + " the GITHUB_TOKEN environment variable\n")
          .doesNotContain("access_token")
          .doesNotContain("ghp_not-a-token");
    }
  }

  @Test
  void anonymousUseSaysSoOnceOnStderr() throws Exception {
    try (LocalHub hub = LocalHub.builder().start()) {
      hub.createRepo("acme/gates");
      Run run = trafficlight("status", "--gh-host", hub.baseUrl(), "--repository", "acme/gates");

      assertThat(run.code()).as(run.err()).isZero();
      assertThat(run.out()).isEqualTo("no gate issues in acme/gates (label pipeline-workflow)\n");
      assertThat(run.err())
          .isEqualTo(
              "no --token or GITHUB_TOKEN: asking GitHub anonymously, which sees public"
                  + " repositories only, at a lower rate limit\n");
    }
  }
}
