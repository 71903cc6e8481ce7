package trafficlight.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import trafficlight.concourse.PipelineRef;
import trafficlight.pipeline.runner.LocalRunner;
import trafficlight.relay.Fixtures;
import trafficlight.relay.RelayServer;
import trafficlight.relay.RelaySettings;
import trafficlight.relay.RouteReader;

/** The relay, started in front of a local runner's check webhooks, on a pipeline's routes. */
final class RelayInFront {

  private RelayInFront() {}

  /**
   * Writes {@code pipelineYaml} to {@code dir/pipeline.yml}, reads the team {@code main}'s routes
   * of the pipeline from it as the relay does, and starts a relay on them that signs with {@link
   * Fixtures#SECRET} and calls {@code runner}.
   */
  static RelayServer start(
      LocalRunner runner,
      String pipeline,
      String pipelineYaml,
      Map<String, String> vars,
      Path dir,
      Consumer<String> log)
      throws IOException {
    Path file = dir.resolve("pipeline.yml");
    Files.writeString(file, pipelineYaml, StandardCharsets.UTF_8);
    RelayServer relay =
        new RelayServer(
            new RelaySettings(
                URI.create(runner.url()),
                RouteReader.read("main", PipelineRef.parse(pipeline), file, vars),
                Fixtures.SECRET.getBytes(StandardCharsets.UTF_8),
                InetAddress.getLoopbackAddress(),
                0),
            log);
    relay.start();
    return relay;
  }
}
