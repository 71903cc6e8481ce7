package trafficlight.cli;

import java.time.Duration;
import picocli.CommandLine.Option;
import trafficlight.board.GateReader;
import trafficlight.gate.TitleFormat;
import trafficlight.github.Credentials;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.RepositoryName;
import trafficlight.github.ResponseCache;
import trafficlight.github.RetryPolicy;

/**
 * The connection options of the board's commands, named like the resource's source keys. The token
 * comes from {@code --token} or {@code GITHUB_TOKEN} and is never printed.
 */
final class GitHubOptions {

  @Option(
      names = "--gh-host",
      defaultValue = GitHubEndpoint.GITHUB_COM,
      description =
          "API base URL (default: ${DEFAULT-VALUE}); GitHub Enterprise Server: https://HOST/api/v3.")
  String ghHost;

  @Option(
      names = "--repository",
      required = true,
      description = "owner/name of the repository holding the gate issues.")
  String repository;

  @Option(
      names = "--token",
      description = "A token (default: the GITHUB_TOKEN environment variable; none: anonymous).")
  String token;

  @Option(
      names = "--title-format",
      defaultValue = TitleFormat.DEFAULT,
      description = "Title format of gate issues (default: ${DEFAULT-VALUE}).")
  String titleFormat;

  @Option(
      names = "--timeout",
      defaultValue = "30",
      description = "Seconds per HTTP request (default: ${DEFAULT-VALUE}).")
  int timeout;

  RepositoryName repo() {
    return RepositoryName.parse(repository);
  }

  String tokenOrNull() {
    String t = token != null ? token : System.getenv("GITHUB_TOKEN");
    return t == null || t.isBlank() ? null : t.strip();
  }

  GitHubClient client(ResponseCache cache) {
    GitHubEndpoint endpoint = GitHubEndpoint.parse(ghHost);
    if (endpoint.plainHttpToRemoteHost()) {
      System.err.println(
          "warning: --gh-host is plain http to another machine: the token travels unencrypted");
    }
    String t = tokenOrNull();
    Credentials credentials = t == null ? new Credentials.Anonymous() : new Credentials.Token(t);
    return new GitHubClient(
        endpoint,
        credentials,
        Duration.ofSeconds(timeout),
        RetryPolicy.DEFAULT,
        message -> System.err.println(message),
        cache);
  }

  GateReader reader(GitHubClient github) {
    return new GateReader(github, repo(), TitleFormat.parse(titleFormat));
  }
}
