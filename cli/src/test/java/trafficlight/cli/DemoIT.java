package trafficlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's first command, run as a user runs it: the packaged jar in a fresh JVM. */
class DemoIT {

  @Test
  void theScriptedDemoPromotesAChangeFromCiToProduction() throws Exception {
    Path root = Path.of(System.getProperty("trafficlight.root", ".."));
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtrafficlight.root=" + root,
                "-jar",
                root.resolve("cli/target/trafficlight.jar").toString(),
                "demo",
                "--scripted")
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    String title = "[bot] Pulumi myapp applications.myapp.";
    assertThat(output)
        .as(output)
        .containsSubsequence(
            "myapp       new commit",
            "CI          deploy-ci #1 created #1 \"" + title + "CI deployed.\"",
            "CI          deploy-ci #1 succeeded  http://127.0.0.1:",
            "* alice closes #1: the go-ahead",
            "CI          issue #1 closed: promotion approved",
            "QA          deploy-qa #1 started: deploying",
            "QA          deploy-qa #1 created #2 \"" + title + "QA deployed.\"",
            "myapp       new commit",
            "CI          deploy-ci #2 created #3",
            "* bob closes #3: the go-ahead",
            "QA          deploy-qa #2 commented #2 \"" + title + "QA deployed.\"",
            "* carol closes #2: the go-ahead",
            "Production  deploy-production #1 started: deploying",
            "Production  deploy-production #1 created #4 \"" + title + "Production deployed.\"",
            "Production  deploy-production #1 succeeded",
            "#1   closed  [CONSUMED #1]" + title + "CI deployed.",
            "#4   open    " + title + "Production deployed.",
            "Production deployed \"Fix the cart total\"");
    assertThat(output).doesNotContain("failed");
  }

  @Test
  void theInteractiveDemoSaysWhatToDoNext() throws Exception {
    Path root = Path.of(System.getProperty("trafficlight.root", ".."));
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtrafficlight.root=" + root,
                "-jar",
                root.resolve("cli/target/trafficlight.jar").toString(),
                "demo")
            .redirectErrorStream(true)
            .start();
    StringBuilder output = new StringBuilder();
    try (var lines = process.inputReader(StandardCharsets.UTF_8)) {
      for (String line; (line = lines.readLine()) != null; ) {
        output.append(line).append('\n');
        if (line.contains("/_localhub/repos/demo/deploy-gates/issues/1/close")) {
          break;
        }
      }
    } finally {
      process.destroy(); // Ctrl-C
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(output.toString())
        .contains("localhub (a local GitHub)      http://127.0.0.1:")
        .contains("Next: close #1 to promote to QA")
        .containsPattern(
            "curl -X POST http://127\\.0\\.0\\.1:\\d+/_localhub/repos/demo/deploy-gates/issues/1/close"
                + " -d '\\{\"login\":\"you\"}'");
  }
}
