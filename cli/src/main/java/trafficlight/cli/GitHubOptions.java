package trafficlight.cli;

import java.io.PrintStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Option;
import trafficlight.board.GateReader;
import trafficlight.gate.TitleFormat;
import trafficlight.github.Credentials;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.GitHubException;
import trafficlight.github.RateLimitException;
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

  /** A client whose notes (retries, writes found after a lost response) go to stderr at once. */
  GitHubClient client(ResponseCache cache) {
    return client(cache, System.err, System.err::println);
  }

  /**
   * A client for these options.
   *
   * @param notices where the warnings about the options go: plain http, anonymous use (once)
   * @param log the client's notes as they happen
   */
  GitHubClient client(ResponseCache cache, PrintStream notices, Consumer<String> log) {
    GitHubEndpoint endpoint = GitHubEndpoint.parse(ghHost);
    String t = tokenOrNull();
    if (t == null) {
      notices.println(
          "no --token or GITHUB_TOKEN: asking GitHub anonymously, which sees public repositories"
              + " only, at a lower rate limit");
    } else if (endpoint.plainHttpToRemoteHost()) {
      notices.println(
          "warning: --gh-host is plain http to another machine: the token travels unencrypted");
    }
    Credentials credentials = t == null ? new Credentials.Anonymous() : new Credentials.Token(t);
    return new GitHubClient(
        endpoint, credentials, Duration.ofSeconds(timeout), RetryPolicy.DEFAULT, log, cache);
  }

  /**
   * The failure as one line in the CLI's own terms: its options rather than the resource's source
   * keys.
   */
  String explain(GitHubException e) {
    if (e.status() == 401) {
      return (tokenOrNull() == null
              ? "GitHub asks for a token (401 "
              : "GitHub rejected the token (401 ")
          + (e.githubMessage() == null ? "Unauthorized" : e.githubMessage())
          + "): give a valid one with --token or the GITHUB_TOKEN environment variable";
    }
    if (e instanceof RateLimitException limit) {
      return "GitHub's rate limit refuses more requests"
          + (limit.resetsAt() == null
              ? ""
              : " until " + limit.resetsAt().truncatedTo(ChronoUnit.SECONDS))
          + (tokenOrNull() == null
              ? "; a token (--token or GITHUB_TOKEN) has a far higher limit"
              : "; try again then");
    }
    if (e.status() == 0 && unreachable(e.getCause())) {
      return e.getMessage() + "; check --gh-host " + ghHost;
    }
    return e.getMessage();
  }

  private static boolean unreachable(Throwable cause) {
    return cause instanceof UnknownHostException
        || cause instanceof ConnectException
        || cause instanceof NoRouteToHostException;
  }

  GateReader reader(GitHubClient github) {
    return new GateReader(github, repo(), TitleFormat.parse(titleFormat));
  }
}
