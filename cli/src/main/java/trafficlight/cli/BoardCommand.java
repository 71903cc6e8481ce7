package trafficlight.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import trafficlight.board.Stage;
import trafficlight.board.web.BoardSafety;
import trafficlight.board.web.BoardServer;
import trafficlight.board.web.RepositoryPermissions;
import trafficlight.board.web.SignIn;
import trafficlight.gate.GateEvents;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.MemoryResponseCache;
import trafficlight.github.OAuthWebFlow;
import trafficlight.server.AllowedHosts;

/** {@code trafficlight board}: serves the board's web page until killed. */
@Command(
    name = "board",
    mixinStandardHelpOptions = true,
    description =
        "Serve the board: projects x stages with their lights, a commit search and a Promote"
            + " button: with GitHub sign-in (--oauth-client-id), Promote closes the issue as the"
            + " signed-in person; without it, on a loopback address only, with the board's token.")
public final class BoardCommand implements Callable<Integer> {

  static final String SECRET_VARIABLE = "GITHUB_OAUTH_CLIENT_SECRET";

  /** A setting the board will not start with; the message says why and how to fix it. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  @Mixin GitHubOptions github;

  @Mixin ListenOptions listen = new ListenOptions(8081);

  @Option(
      names = "--refresh",
      defaultValue = "30",
      description = "Seconds between reads of GitHub (default: ${DEFAULT-VALUE}).")
  int refresh;

  @Option(names = "--read-only", description = "Never offer Promote, whatever the token may do.")
  boolean readOnly;

  @Option(
      names = "--oauth-client-id",
      description =
          "Client ID of the OAuth App people sign in with; its secret comes from "
              + SECRET_VARIABLE
              + " or --oauth-client-secret-file.")
  String oauthClientId;

  @Option(
      names = "--oauth-client-secret-file",
      description =
          "A file holding the OAuth App's client secret (instead of " + SECRET_VARIABLE + ").")
  Path oauthClientSecretFile;

  @Option(
      names = "--oauth-web-url",
      description =
          "GitHub's web host for sign-in (default: derived from --gh-host: https://github.com,"
              + " or https://HOST for https://HOST/api/v3).")
  String oauthWebUrl;

  @Option(
      names = "--oauth-scope",
      defaultValue = "repo",
      description =
          "Scopes asked of the person (default: ${DEFAULT-VALUE}; public_repo for a public gate"
              + " repository).")
  String oauthScope;

  @Option(
      names = "--public-url",
      description =
          "The board's address as browsers reach it, e.g. https://board.example.com (the OAuth"
              + " App's callback URL is PUBLIC_URL/oauth/callback); needed off loopback. The"
              + " board answers its host besides the bind address (and localhost on loopback);"
              + " any other Host header gets 421.")
  String publicUrl;

  /** The environment; tests give their own. */
  UnaryOperator<String> environment = System::getenv;

  @Override
  public Integer call() throws Exception {
    BoardServer server;
    GitHubClient client = github.client(new MemoryResponseCache(5000));
    try {
      server = start(client);
    } catch (Refused e) {
      client.close();
      System.err.println(e.getMessage());
      return 2;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  client.close();
                }));
    Thread.currentThread().join();
    return 0;
  }

  /** Checks the settings and starts the board; says on stdout where it listens. */
  BoardServer start(GitHubClient client) throws IOException {
    URI publicBase = publicUrl();
    SignIn signIn = signIn(publicBase);
    RepositoryPermissions.Answer permission;
    if (readOnly) {
      permission = new RepositoryPermissions.Answer(false, "--read-only");
    } else if (signIn != null) {
      permission =
          new RepositoryPermissions.Answer(
              false, "the signed-in person's own token closes; the board's token only reads");
    } else {
      permission =
          RepositoryPermissions.check(
              GitHubEndpoint.parse(github.ghHost),
              github.repo(),
              github.tokenOrNull(),
              Duration.ofSeconds(github.timeout));
    }
    Optional<String> refusal =
        BoardSafety.refusal(
            listen.bind, permission.canClose(), readOnly, signIn != null, publicBase);
    if (refusal.isPresent()) {
      throw new Refused(refusal.get());
    }
    BoardServer server =
        BoardServer.start(
            client,
            github.reader(client),
            new BoardServer.Config(
                listen.bind,
                listen.port,
                Duration.ofSeconds(Math.max(1, refresh)),
                permission.canClose(),
                System.err::println,
                signIn,
                Stage::approvalRule,
                publicBase,
                GateEvents.NONE));
    System.out.println("board listening on " + server.url());
    System.out.println(
        "board answers the hosts "
            + AllowedHosts.of(listen.bind, publicBase == null ? List.of() : List.of(publicBase))
                .describe());
    if (signIn != null) {
      System.out.println(
          "promote: on for people who sign in with GitHub at "
              + signIn.flow().webBase()
              + " (OAuth App "
              + signIn.flow().clientId()
              + ", callback "
              + (publicBase == null ? server.url() : stripSlash(publicBase.toString()))
              + "/oauth/callback)");
    } else {
      System.out.println(
          "promote: " + (permission.canClose() ? "on, " : "off, ") + permission.why());
    }
    System.out.flush();
    return server;
  }

  private URI publicUrl() {
    if (publicUrl == null) {
      return null;
    }
    URI uri;
    try {
      uri = URI.create(stripSlash(publicUrl.strip()));
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || AllowedHosts.publicUrlProblem(uri) != null) {
      throw new Refused(
          "board: --public-url must be the board's http(s) address, such as"
              + " https://board.example.com, got \""
              + publicUrl
              + "\"");
    }
    return uri;
  }

  private SignIn signIn(URI publicBase) {
    if (oauthClientId == null || oauthClientId.isBlank()) {
      if (oauthClientSecretFile != null || oauthWebUrl != null) {
        throw new Refused(
            "board: --oauth-client-secret-file and --oauth-web-url need --oauth-client-id (the"
                + " OAuth App people sign in with)");
      }
      return null;
    }
    if (readOnly) {
      throw new Refused(
          "board: --read-only and --oauth-client-id contradict each other: sign-in is for"
              + " promoting; drop one of them");
    }
    URI web;
    try {
      web =
          oauthWebUrl != null
              ? GitHubEndpoint.parse(oauthWebUrl).base()
              : GitHubEndpoint.parse(github.ghHost).webBase();
    } catch (IllegalArgumentException e) {
      throw new Refused(
          "board: --oauth-web-url must be GitHub's web host, such as https://github.com, got \""
              + oauthWebUrl
              + "\"");
    }
    return new SignIn(
        new OAuthWebFlow(web, oauthClientId.strip(), secret(), Duration.ofSeconds(github.timeout)),
        publicBase,
        oauthScope);
  }

  private String secret() {
    String secret;
    if (oauthClientSecretFile != null) {
      try {
        secret = Files.readString(oauthClientSecretFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new Refused("board: cannot read --oauth-client-secret-file " + oauthClientSecretFile);
      }
      if (secret.isEmpty()) {
        throw new Refused(
            "board: --oauth-client-secret-file " + oauthClientSecretFile + " is empty");
      }
      return secret;
    }
    secret = environment.apply(SECRET_VARIABLE);
    if (secret == null || secret.isBlank()) {
      throw new Refused(
          "board: --oauth-client-id needs the OAuth App's client secret: set "
              + SECRET_VARIABLE
              + " or give --oauth-client-secret-file FILE");
    }
    return secret.strip();
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
