package trafficlight.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import trafficlight.localhub.CodeRepositorySpec;
import trafficlight.localhub.LocalHub;
import trafficlight.localhub.LocalHubMain;
import trafficlight.localhub.TlsIdentity;

/** {@code trafficlight localhub}: runs the embedded GitHub Issues API server until killed. */
@Command(
    name = "localhub",
    mixinStandardHelpOptions = true,
    description = "Run localhub, a local GitHub Issues API server, until killed.")
public final class LocalhubCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "8080", description = "Port (0: any free one).")
  int port;

  @Option(names = "--token", description = "The token to accept (default: a generated one).")
  String token;

  @Option(names = "--login", defaultValue = "localhub", description = "The token's user.")
  String login;

  @Option(names = "--data", description = "Keep the state in this directory (journal).")
  Path data;

  @Option(names = "--repo", description = "owner/name to create (repeatable; default demo/app).")
  List<String> repos = new ArrayList<>();

  @Option(
      names = "--code-repo",
      paramLabel = "OWNER/NAME=PATH",
      description =
          "Serve the code of OWNER/NAME (commits, compare, deployments) from the git repository"
              + " at PATH, a work tree or a bare repository (repeatable).")
  List<String> codeRepos = new ArrayList<>();

  @Option(
      names = "--tls-cert",
      description = "Serve HTTPS with this PEM certificate chain (leaf first); needs --tls-key.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      description = "The certificate's unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY).")
  Path tlsKey;

  @Override
  public Integer call() throws InterruptedException {
    if ((tlsCert == null) != (tlsKey == null)) {
      System.err.println(
          "error: --tls-cert and --tls-key go together: give both to serve HTTPS, neither for HTTP");
      return 2;
    }
    LocalHub.Builder builder =
        LocalHub.builder()
            .port(port)
            .dataDir(data)
            .tls(tlsCert == null ? null : new TlsIdentity(tlsCert, tlsKey));
    LocalHub hub;
    try {
      for (String codeRepo : codeRepos) {
        CodeRepositorySpec spec = CodeRepositorySpec.parse(codeRepo);
        builder.codeRepository(spec.fullName(), spec.path());
      }
      hub = builder.start();
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    String used = LocalHubMain.announce(hub, repos, login, token);
    Runtime.getRuntime().addShutdownHook(new Thread(hub::close));
    System.out.println("localhub listening on " + hub.baseUrl());
    System.out.println("token: " + used);
    System.out.flush();
    Thread.currentThread().join();
    return 0;
  }
}
