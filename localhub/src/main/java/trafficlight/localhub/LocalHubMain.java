package trafficlight.localhub;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a hub standalone: {@code --port N} (8080; 0 for any), {@code --data DIR}, {@code --token T}
 * (generated unless given), {@code --login L} (the token's user, "localhub"), {@code --repo o/r}
 * (repeatable; demo/app unless given), {@code --code-repo OWNER/NAME=PATH} (repeatable: serve that
 * repository's code from the git repository at PATH), {@code --tls-cert FILE --tls-key FILE}
 * (HTTPS). Prints the base URL and the token, then runs until killed.
 */
public final class LocalHubMain {
  private LocalHubMain() {}

  public static void main(String[] args) throws InterruptedException {
    // as in TrafficLight.main: no ~40 ms Nagle wait on kept-alive responses
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int port = 8080;
    Path data = null;
    String token = null;
    String login = "localhub";
    List<String> repos = new ArrayList<>();
    List<CodeRepositorySpec> code = new ArrayList<>();
    Path tlsCert = null;
    Path tlsKey = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value);
        case "--data" -> data = Path.of(value);
        case "--token" -> token = value;
        case "--login" -> login = value;
        case "--repo" -> repos.add(value);
        case "--code-repo" -> code.add(CodeRepositorySpec.parse(value));
        case "--tls-cert" -> tlsCert = Path.of(value);
        case "--tls-key" -> tlsKey = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    LocalHub.Builder builder =
        LocalHub.builder()
            .port(port)
            .dataDir(data)
            .tls(tlsCert == null ? null : new TlsIdentity(tlsCert, tlsKey));
    code.forEach(c -> builder.codeRepository(c.fullName(), c.path()));
    LocalHub hub = builder.start();
    String used = announce(hub, repos, login, token);
    Runtime.getRuntime().addShutdownHook(new Thread(hub::close));
    System.out.println("localhub listening on " + hub.baseUrl());
    System.out.println("token: " + used);
    System.out.flush();
    Thread.currentThread().join();
  }

  /** Creates the repos (demo/app when none) and the token; returns the token. */
  public static String announce(LocalHub hub, List<String> repos, String login, String token) {
    for (String repo : repos.isEmpty() ? List.of("demo/app") : repos) {
      hub.createRepo(repo);
    }
    return token == null ? hub.createToken(login) : hub.createToken(login, token);
  }
}
