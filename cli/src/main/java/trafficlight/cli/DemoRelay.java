package trafficlight.cli;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import trafficlight.concourse.PipelineRef;
import trafficlight.localhub.LocalHub;
import trafficlight.relay.RelayServer;
import trafficlight.relay.RelaySettings;
import trafficlight.relay.Route;
import trafficlight.relay.RouteReader;

/**
 * The demo's webhook relay, built as {@code trafficlight relay} builds it: localhub's repository
 * webhook goes to it, and it calls the local runner's check webhook of the trigger resource that a
 * closed gate issue can trigger. The webhook secret and the check webhooks' token are generated
 * here and never printed.
 */
final class DemoRelay implements AutoCloseable {

  /** The var that the chain's {@code relay: true} gives the trigger resources' webhook_token. */
  static final String TOKEN_VAR = "relay_webhook_token";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final RelayServer server;

  private DemoRelay(RelayServer server) {
    this.server = server;
  }

  /** A random token or secret, 32 bytes in hex. */
  static String randomSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Starts a relay on loopback for the pipeline's routes (its {@code ((vars))} from {@code vars})
   * towards {@code runnerUrl}, and hooks localhub's {@code repo} to it with {@code secret}.
   */
  static DemoRelay start(
      LocalHub hub,
      String repo,
      String pipelineName,
      Path pipelineFile,
      Map<String, String> vars,
      String runnerUrl,
      String secret) {
    List<Route> routes =
        RouteReader.read("main", PipelineRef.parse(pipelineName), pipelineFile, vars);
    RelaySettings settings =
        new RelaySettings(
            URI.create(runnerUrl),
            routes,
            secret.getBytes(StandardCharsets.UTF_8),
            InetAddress.getLoopbackAddress(),
            0);
    RelayServer server = new RelayServer(settings, System.err::println);
    server.start();
    DemoRelay relay = new DemoRelay(server);
    hub.createHook(repo, relay.url(), "json", secret, "issues");
    return relay;
  }

  /** The payload URL localhub's webhook delivers to. */
  String url() {
    return "http://127.0.0.1:" + server.port() + "/github";
  }

  @Override
  public void close() {
    server.close();
  }
}
