package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

  @Test
  void inProcessRestartReplaysTheJournal(@TempDir Path dir) {
    try (LocalHub hub = LocalHub.builder().dataDir(dir).start()) {
      hub.createRepo("o/r");
      hub.createToken("alice", "ghp_a");
      int n = hub.createIssue("o/r", "t", "b", List.of("x"), "bob");
      long edited = hub.addComment("o/r", n, "carol", "first words");
      assertThat(
              Http.patch(
                      hub.baseUrl() + "/repos/o/r/issues/comments/" + edited,
                      "ghp_a",
                      "{\"body\":\"c\"}")
                  .status())
          .isEqualTo(200);
      hub.closeIssue("o/r", n, "carol", "not_planned");
      hub.addCollaborator("o/r", "carol");
    }
    try (LocalHub hub = LocalHub.builder().dataDir(dir).start()) {
      Issue issue = hub.issue("o/r", 1);
      assertThat(issue.state()).isEqualTo("closed");
      assertThat(issue.stateReason()).isEqualTo("not_planned");
      assertThat(issue.closedBy()).isEqualTo("carol");
      assertThat(issue.labels()).containsExactly("x");
      assertThat(issue.comments()).extracting(Comment::body).containsExactly("c");
      assertThat(
              Http.get(hub.baseUrl() + "/repos/o/r/issues/1/comments", "ghp_a")
                  .json()
                  .get(0)
                  .get("author_association")
                  .asText())
          .isEqualTo("COLLABORATOR");
      assertThat(Http.get(hub.baseUrl() + "/repos/o/r/issues?state=all", "ghp_a").json())
          .hasSize(1);
      assertThat(hub.createIssue("o/r", "next", null, List.of(), "bob")).isEqualTo(2);
    }
  }

  @Test
  void killMinus9LosesNothingAcknowledged(@TempDir Path dir) throws Exception {
    Process first = startStandalone(dir);
    String base = baseUrl(first);
    for (int i = 1; i <= 20; i++) {
      assertThat(
              Http.post(
                      base + "/repos/demo/app/issues",
                      "ghp_persist",
                      "{\"title\":\"issue " + i + "\"}")
                  .status())
          .isEqualTo(201);
    }
    assertThat(
            Http.patch(base + "/repos/demo/app/issues/3", "ghp_persist", "{\"state\":\"closed\"}")
                .status())
        .isEqualTo(200);
    first.destroyForcibly();
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.size(dir.resolve("journal.jsonl"))).isPositive();

    Process second = startStandalone(dir);
    try {
      String again = baseUrl(second);
      Http.Response all =
          Http.get(again + "/repos/demo/app/issues?state=all&per_page=100", "ghp_persist");
      assertThat(all.status()).isEqualTo(200);
      assertThat(all.json()).hasSize(20);
      assertThat(
              Http.get(again + "/repos/demo/app/issues/3", "ghp_persist")
                  .json()
                  .get("state")
                  .asText())
          .isEqualTo("closed");
    } finally {
      second.destroyForcibly();
      second.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static Process startStandalone(Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            LocalHubMain.class.getName(),
            "--port",
            "0",
            "--data",
            dir.toString(),
            "--token",
            "ghp_persist")
        .redirectErrorStream(true)
        .start();
  }

  private static String baseUrl(Process process) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("localhub listening on ")) {
        return line.substring("localhub listening on ".length()).trim();
      }
    }
    throw new AssertionError("localhub did not start");
  }
}
