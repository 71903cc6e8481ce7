package trafficlight.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import trafficlight.concourse.PipelineRef;
import trafficlight.github.Credentials;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.MemoryResponseCache;
import trafficlight.github.RetryPolicy;
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
            + " or --secret-file. With a GitHub token that may write issues (GITHUB_TOKEN or"
            + " --github-token-file), it also reopens closes that a resource's approvers rule"
            + " refuses.")
public final class RelayCommand implements Callable<Integer> {

  static final String SECRET_VARIABLE = "GITHUB_WEBHOOK_SECRET";
  static final String TOKEN_VARIABLE = "GITHUB_TOKEN";

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

  @Mixin ListenOptions listen = new ListenOptions(8090);

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description =
          "The relay's address as GitHub reaches it (the webhook URL without /github), e.g."
              + " https://relay.example.com: the relay answers its host besides the bind address"
              + " (and localhost on loopback); any other Host header gets 421.")
  String publicUrl;

  @Option(
      names = "--secret-file",
      paramLabel = "FILE",
      description = "A file holding the webhook secret (instead of " + SECRET_VARIABLE + ").")
  Path secretFile;

  @Option(
      names = "--github-token-file",
      paramLabel = "FILE",
      description =
          "A file holding a GitHub token that may comment on and reopen the gate issues (instead"
              + " of "
              + TOKEN_VARIABLE
              + "): refused closes are reopened with one comment naming the rule.")
  Path githubTokenFile;

  @Option(
      names = "--gh-host",
      defaultValue = GitHubEndpoint.GITHUB_COM,
      description =
          "GitHub's API base URL for reopening refused closes (default: ${DEFAULT-VALUE}); GitHub"
              + " Enterprise Server: https://HOST/api/v3.")
  String ghHost;

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
    RelaySettings settings =
        new RelaySettings(
            concourse(),
            routes(),
            secret(),
            address(),
            listen.port,
            RelaySettings.FIRST_RETRY,
            RelaySettings.RETRY_FOR,
            publicUrl());
    GitHubClient github = github();
    long guarded = settings.routes().stream().filter(r -> r.rule().restricts()).count();
    if (github == null) {
      System.err.println(
          "relay: no GitHub token ("
              + TOKEN_VARIABLE
              + " or --github-token-file): refused closes will not be reopened"
              + (guarded == 0 ? "" : " (" + guarded + " resources have approvers)"));
    } else {
      System.err.println(
          "relay: closes that the approvers of "
              + guarded
              + " resources refuse will be reopened through "
              + github.endpoint().base());
    }
    RelayServer relay = new RelayServer(settings, github, System.err::println);
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
    System.out.println("relay answers the hosts " + settings.allowedHosts().describe());
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
      PipelineRef ref;
      try {
        ref = PipelineRef.parse(pipeline.substring(0, eq));
      } catch (IllegalArgumentException e) {
        throw new RelayConfigException("--pipeline " + pipeline + ": " + e.getMessage());
      }
      routes.addAll(RouteReader.read(team, ref, Path.of(pipeline.substring(eq + 1)), values));
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

  private URI publicUrl() {
    if (publicUrl == null) {
      return null;
    }
    String text = publicUrl.strip();
    try {
      return new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    } catch (URISyntaxException e) {
      throw new RelayConfigException(
          "--public-url is not a URL: give e.g. https://relay.example.com");
    }
  }

  private InetAddress address() {
    try {
      return InetAddress.getByName(listen.bind);
    } catch (UnknownHostException e) {
      throw new RelayConfigException(
          "--bind " + listen.bind + " is not an address of this machine");
    }
  }

  /** A client with the relay's own token, or null without one. */
  private GitHubClient github() {
    String token;
    if (githubTokenFile != null) {
      try {
        token = Files.readString(githubTokenFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new RelayConfigException("cannot read --github-token-file " + githubTokenFile);
      }
      if (token.isEmpty()) {
        throw new RelayConfigException("--github-token-file " + githubTokenFile + " is empty");
      }
    } else {
      token = environment.apply(TOKEN_VARIABLE);
    }
    if (token == null || token.isBlank()) {
      return null;
    }
    GitHubEndpoint endpoint;
    try {
      endpoint = GitHubEndpoint.parse(ghHost);
    } catch (IllegalArgumentException e) {
      throw new RelayConfigException("--gh-host: " + e.getMessage());
    }
    if (endpoint.plainHttpToRemoteHost()) {
      System.err.println(
          "relay: warning: --gh-host is plain http to another machine: the token travels"
              + " unencrypted");
    }
    return new GitHubClient(
        endpoint,
        new Credentials.Token(token.strip()),
        Duration.ofSeconds(30),
        RetryPolicy.DEFAULT,
        System.err::println,
        new MemoryResponseCache(1000));
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
