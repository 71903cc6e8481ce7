package trafficlight.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import trafficlight.relay.PipelineRef;
import trafficlight.relay.RelayConfigException;
import trafficlight.relay.RelayServer;
import trafficlight.relay.RelaySettings;
import trafficlight.relay.Route;
import trafficlight.relay.RouteReader;

/** {@code trafficlight relay}: relays GitHub's issue webhooks to Concourse until killed. */
@Command(
    name = "relay",
    mixinStandardHelpOptions = true,
    description =
        "Relay GitHub's issue webhooks to Concourse: a closed gate issue queues a check of exactly"
            + " the resources it can trigger. The webhook secret comes from GITHUB_WEBHOOK_SECRET"
            + " or --secret-file.")
public final class RelayCommand implements Callable<Integer> {

  static final String SECRET_VARIABLE = "GITHUB_WEBHOOK_SECRET";

  @Option(
      names = "--concourse-url",
      required = true,
      description = "Concourse's URL, e.g. https://ci.example.com: the only one the relay calls.")
  String concourseUrl;

  @Option(
      names = "--team",
      defaultValue = "main",
      description = "The pipelines' team (default: ${DEFAULT-VALUE}).")
  String team;

  @Option(
      names = "--pipeline",
      required = true,
      paramLabel = "NAME=PIPELINE.yml",
      description =
          "A pipeline as set with fly set-pipeline -p NAME -c PIPELINE.yml; NAME may be an"
              + " instanced pipeline NAME/KEY:VALUE,… Repeatable.")
  List<String> pipelines = new ArrayList<>();

  @Option(
      names = "--var",
      paramLabel = "KEY=VALUE",
      description = "A value for ((KEY)), as fly's -v. Repeatable.")
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(
      names = "--load-vars-from",
      paramLabel = "VARS.yml",
      description = "A vars file, as fly's -l. Repeatable; --var wins over it.")
  List<Path> varsFiles = new ArrayList<>();

  @Option(
      names = "--port",
      defaultValue = "8090",
      description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for everyone).")
  String bind;

  @Option(
      names = "--secret-file",
      paramLabel = "FILE",
      description = "A file holding the webhook secret (instead of " + SECRET_VARIABLE + ").")
  Path secretFile;

  /** The environment; tests give their own. */
  UnaryOperator<String> environment = System::getenv;

  @Override
  public Integer call() throws Exception {
    RelayServer relay;
    try {
      relay = start();
    } catch (RelayConfigException e) {
      System.err.println("relay: " + e.getMessage());
      return 2;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(relay::close));
    Thread.currentThread().join();
    return 0;
  }

  /** Reads the settings and starts the relay; says on stdout where it listens. */
  RelayServer start() {
    RelaySettings settings = new RelaySettings(concourse(), routes(), secret(), address(), port);
    RelayServer relay = new RelayServer(settings, System.err::println);
    relay.start();
    System.out.println(
        "relay listening on http://"
            + settings.bind().getHostAddress()
            + ":"
            + relay.port()
            + "/github for "
            + settings.routes().size()
            + " resources: "
            + String.join(", ", settings.routes().stream().map(Route::name).toList()));
    System.out.flush();
    return relay;
  }

  private List<Route> routes() {
    Map<String, String> values = new LinkedHashMap<>();
    for (Path file : varsFiles) {
      values.putAll(RouteReader.readVarsFile(file));
    }
    values.putAll(vars);
    List<Route> routes = new ArrayList<>();
    for (String pipeline : pipelines) {
      int eq = pipeline.lastIndexOf('=');
      if (eq <= 0 || eq == pipeline.length() - 1) {
        throw new RelayConfigException(
            "--pipeline " + pipeline + " is not NAME=PIPELINE.yml: give e.g. myapp=pipeline.yml");
      }
      routes.addAll(
          RouteReader.read(
              team,
              PipelineRef.parse(pipeline.substring(0, eq)),
              Path.of(pipeline.substring(eq + 1)),
              values));
    }
    return routes;
  }

  private URI concourse() {
    try {
      return new URI(concourseUrl);
    } catch (URISyntaxException e) {
      throw new RelayConfigException(
          "--concourse-url is not a URL: give e.g. https://ci.example.com");
    }
  }

  private InetAddress address() {
    try {
      return InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new RelayConfigException("--bind " + bind + " is not an address of this machine");
    }
  }

  private byte[] secret() {
    String secret;
    if (secretFile != null) {
      try {
        secret = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new RelayConfigException("cannot read --secret-file " + secretFile);
      }
      if (secret.isEmpty()) {
        throw new RelayConfigException("--secret-file " + secretFile + " is empty");
      }
    } else {
      secret = environment.apply(SECRET_VARIABLE);
    }
    return secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
  }
}
