package trafficlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, run as a user runs it: the packaged jar in a fresh JVM. */
class DemoIT {

  @Test
  void theScriptedDemoPromotesAChangeFromCiToProduction() throws Exception {
    Process process =
        new ProcessBuilder(
                DemoProcess.java(),
                "-Dtrafficlight.root=" + DemoProcess.root(),
                "-jar",
                DemoProcess.jar().toString(),
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
            "QA          started ",
            "QA          deploy-qa #1 started",
            "QA          consumed issue #1 (renamed [CONSUMED #1]): alice approved ",
            "QA          deploy-qa #1 deploying the approved ",
            "QA          deploy-qa #1 created #2 \"" + title + "QA deployed.\"",
            "myapp       new commit",
            "CI          deploy-ci #2 created #3",
            "* bob closes #3: the go-ahead",
            "QA          started ",
            "QA          deploy-qa #2 commented #2 \"" + title + "QA deployed.\"",
            "* carol comments \"/promote ",
            "* carol closes #2: the go-ahead",
            "Production  started ",
            "Production  deploy-production #1 started",
            "Production  consumed issue #2 (renamed [CONSUMED #1]): carol approved ",
            "Production  deploy-production #1 deploying the approved ",
            "Production  deploy-production #1 created #4 \"" + title + "Production deployed.\"",
            "Production  deploy-production #1 succeeded",
            "#1   closed  [CONSUMED #1]" + title + "CI deployed.",
            "#4   open    " + title + "Production deployed.",
            "Production shipped \"Add the checkout page\"");
    Matcher chosen =
        Pattern.compile("\\* carol comments \"/promote ([0-9a-f]{7})\" on #2").matcher(output);
    assertThat(chosen.find()).as(output).isTrue();
    String older = chosen.group(1);
    assertThat(output)
        .as("the older build ships, not the newer one the code input fetched")
        .contains(
            "Production  deploy-production #1 deploying the approved "
                + older
                + " \"Add the checkout page\", not the newer ")
        .contains(
            "Production shipped \"Add the checkout page\" (" + older + "), the build carol chose")
        .containsPattern(
            "\\$ \\./trafficlight where [0-9a-f]{7} --gh-host http://127\\.0\\.0\\.1:\\d+"
                + " --repository demo/deploy-gates\n"
                + "commit [0-9a-f]{12} Fix the cart total\n"
                + "myapp\n"
                + "  CI .*\n"
                + "  QA .*\n"
                + "  Production  not yet: ");
    assertThat(output)
        .as("the pull request of the first change, as the deploys left its comment")
        .contains("The comment on pull request demo/myapp#1 (\"Add the checkout page\")")
        .containsPattern("  \\| - \\*\\*QA\\*\\*: deployed .* by \\[deploy-qa #1\\]")
        .containsPattern(
            "  \\| - \\*\\*Production\\*\\*: deployed .* by \\[deploy-production #1\\]");
    assertThat(output)
        .doesNotContain(" failed  ")
        .doesNotContain(" failed: ")
        .doesNotContain("FAILED")
        .doesNotContain("SLF4J");
    assertThat(
            Pattern.compile(
                    "(?m)^(QA|Production) +started (\\d+\\.\\d) s after #(\\d+) was closed$")
                .matcher(output)
                .results()
                .map(m -> m.group(1) + " #" + m.group(3)))
        .as("how long each promotion took, from the close to the next stage's build start")
        .containsExactly("QA #1", "QA #3", "Production #2");
  }

  @Test
  void theInteractiveDemoSaysHowToPromoteOnTheBoardAndWithTrafficlightPromote() throws Exception {
    try (DemoProcess demo = DemoProcess.start()) {
      String hub = url(demo.awaitLine("localhub (a local GitHub)      http://127.0.0.1:"));
      String board = url(demo.awaitLine("the board (what is where)      http://127.0.0.1:"));

      assertThat(demo.awaitLine("Next: close #1"))
          .isEqualTo("  Next: close #1 to promote to QA, as a person would:");
      assertThat(demo.nextLine())
          .isEqualTo(
              "    curl -X POST "
                  + hub
                  + "/_localhub/repos/demo/deploy-gates/issues/1/close -d '{\"login\":\"you\"}'");
      assertThat(demo.nextLine()).isEqualTo("    or click Promote on the board: " + board);
      assertThat(demo.nextLine())
          .matches(
              "    or: GITHUB_TOKEN=\\$\\(cat '[^']+/you\\.token'\\) \\./trafficlight promote myapp CI"
                  + " --gh-host "
                  + Pattern.quote(hub)
                  + " --repository demo/deploy-gates");
      assertThat(demo.nextLine())
          .isEqualTo(
              "  localhub's webhook tells the relay, the relay tells the runner: QA starts at once.");

      HttpResponse<String> promote =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(board + "/promote?project=myapp&stage=CI"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(promote.statusCode()).as(promote.body()).isEqualTo(200);
      assertThat(promote.body())
          .as("the board offers the Promote its hint names")
          .contains("Promote myapp CI")
          .contains("<button id=\"confirm\" type=\"submit\" class=\"promote\">Promote</button>");
    }
  }

  @Test
  void promotedWithItsPrintedLineTheDemoShowsInStatusAndWhereWithTheChainsSpelling(
      @TempDir Path dir) throws Exception {
    UserShell shell = new UserShell(dir);
    Path tokenFile;
    try (DemoProcess demo = DemoProcess.start()) {
      String commit = demo.awaitLine("myapp       new commit ").split(" +")[3];
      String promoteCi = hint(demo.awaitLine("./trafficlight promote myapp CI"));
      Run promoted = shell.run(promoteCi);
      assertThat(promoted.code()).as(promoted.err()).isZero();
      assertThat(promoted.out()).startsWith("promoted myapp CI to QA: closed #1 (1 build) ");

      assertThat(demo.awaitLine("Next: close #2"))
          .isEqualTo("  Next: close #2 to promote to Production, as a person would:");
      Matcher promoteQa =
          Pattern.compile(
                  "(GITHUB_TOKEN=\\$\\(cat '([^']+)'\\)) \\./trafficlight promote myapp QA (.+)")
              .matcher(hint(demo.awaitLine("./trafficlight promote myapp QA")));
      assertThat(promoteQa.matches()).as(demo.output()).isTrue();
      String trafficlight = promoteQa.group(1) + " ./trafficlight ";
      String options = " " + promoteQa.group(3);
      tokenFile = Path.of(promoteQa.group(2));
      String yourToken = Files.readString(tokenFile, StandardCharsets.UTF_8);
      assertThat(yourToken).startsWith("ghp_");

      Run json = shell.run(trafficlight + "status --json" + options);
      assertThat(json.code()).as(json.err()).isZero();
      JsonNode stages = new ObjectMapper().readTree(json.out()).at("/projects/0/stages");
      assertThat(stages.findValuesAsText("short_name")).containsExactly("CI", "QA", "Production");
      assertThat(stages.get(2).get("stage").asText()).isEqualTo("Production");
      assertThat(stages.get(2).get("light").asText()).isEqualTo("grey");
      assertThat(stages.get(1).get("next").asText()).isEqualTo("Production");
      assertThat(json.out()).doesNotContain("\"production\"");

      Run table = shell.run(trafficlight + "status --color never" + options);
      assertThat(table.code()).as(table.err()).isZero();
      assertThat(table.out())
          .as(table.out())
          .containsPattern("myapp +Production +grey +never deployed")
          .doesNotContain("production");

      Run where = shell.run(trafficlight + "where " + commit + options);
      assertThat(where.code()).as(where.err()).isZero();
      assertThat(where.out())
          .as(where.out())
          .containsPattern("\n  Production +not yet: close #2 to promote it from QA ")
          .doesNotContain("production");
      assertThat(demo.output() + json.out() + table.out() + where.out() + promoted.out())
          .as("no token on the screen")
          .doesNotContain(yourToken);
    }
    assertThat(tokenFile).as("the token file, once the demo ended").doesNotExist();
  }

  @Test
  void ctrlCRemovesTheDemosFolderWithItsTokenFile() throws Exception {
    Path folder;
    try (DemoProcess demo = DemoProcess.start()) {
      Path chain = Path.of(demo.awaitLine("  chain ").strip().substring("chain ".length()));
      folder = chain.getParent();
      demo.awaitLine("Next: close #1");
      assertThat(folder.resolve("you.token")).exists();
      assertThat(folder.getFileName().toString()).startsWith("trafficlight-demo");

      demo.interrupt();
    }
    assertThat(folder).as("the demo's folder after Ctrl-C").doesNotExist();
  }

  /** A hint's command line, as the user copies it. */
  private static String hint(String line) {
    return line.strip().replaceFirst("^or: ", "");
  }

  /** The URL a line of the demo's header names. */
  private static String url(String line) {
    Matcher url = Pattern.compile("http://127\\.0\\.0\\.1:\\d+").matcher(line);
    assertThat(url.find()).as(line).isTrue();
    return url.group();
  }
}
