package trafficlight.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub's own example payloads ({@code @octokit/webhooks-examples}), signed by GitHub's own
 * JavaScript ({@code @octokit/webhooks-methods}) and sent by Node.js: the relay must call exactly
 * the resources the closed gate issues among them can trigger, once each.
 */
class OctokitExamplesTest {

  @TempDir Path dir;

  static Path npmDir() {
    String root = System.getProperty("trafficlight.root", "");
    Path candidate = Path.of(root.isBlank() ? ".." : root).resolve("relay/npm");
    Path dir = Files.isDirectory(candidate) ? candidate : Path.of("npm");
    if (!Files.isRegularFile(dir.resolve("node_modules/@octokit/webhooks-methods/package.json"))) {
      throw new IllegalStateException(
          dir.toAbsolutePath() + " has no node_modules: run `npm ci` there (the build does)");
    }
    return dir.toAbsolutePath().normalize();
  }

  @Test
  void signedExamplesTriggerExactlyTheMatchingResourcesOnce() throws Exception {
    try (RecordingConcourse concourse = new RecordingConcourse();
        RelayServer relay =
            Fixtures.relay(
                dir, concourse.url(), Duration.ofMillis(50), Duration.ofSeconds(5), line -> {})) {
      ProcessBuilder node = new ProcessBuilder("node", "send-examples.mjs");
      node.directory(npmDir().toFile());
      node.environment().put("RELAY_URL", Fixtures.github(relay).toString());
      node.environment().put("WEBHOOK_SECRET", Fixtures.SECRET);
      node.redirectErrorStream(true);
      Process process = node.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(output).isZero();

      ObjectMapper json = new ObjectMapper();
      List<String> expected = new ArrayList<>();
      int sent = 0;
      for (String line : output.strip().split("\n")) {
        JsonNode delivery = json.readTree(line);
        sent++;
        String name = delivery.path("name").asText();
        int status = delivery.path("status").asInt();
        assertThat(status).as(name).isEqualTo(name.equals("wrongly signed") ? 401 : 200);
        if (delivery.path("expect").isTextual()) {
          expected.add(delivery.path("expect").asText());
        }
      }
      assertThat(sent).isGreaterThan(40);
      assertThat(expected).hasSize(4);
      concourse.awaitCalls(expected.size(), Duration.ofSeconds(10));
      Thread.sleep(300);
      assertThat(concourse.resourcesCalled()).isEqualTo(expected.stream().sorted().toList());
    }
  }
}
