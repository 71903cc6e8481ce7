package trafficlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's first command, run as a user runs it: the packaged jar in a fresh JVM. */
class DemoIT {

  @Test
  void theDemoPromotesAChangeFromCiToProduction() throws Exception {
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
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("deploy-ci build 1 succeeded; its put created #1")
        .contains("deploy-ci build 2 succeeded; its put commented #1")
        .contains("check returned 0 versions")
        .contains(
            "renamed #1 to \"[CONSUMED #1][bot] Pulumi myapp applications.myapp.CI deployed.\"")
        .contains("1 version, no second trigger")
        .contains("#3   open    [bot] Pulumi myapp applications.myapp.Production deployed.")
        .contains("Production deployed the change");
  }
}
