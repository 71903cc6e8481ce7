package trafficlight.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import trafficlight.board.Ancestry;
import trafficlight.board.Board;
import trafficlight.board.GateReader;
import trafficlight.board.Where;
import trafficlight.board.WhereText;
import trafficlight.gate.TitleFormat;
import trafficlight.github.Credentials;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.MemoryResponseCache;
import trafficlight.github.RepositoryName;
import trafficlight.github.RetryPolicy;

/**
 * The scripted demo's last check: {@code where} of the first change answers "deployed" at every
 * stage the second change reached, since the second contains the first (found by ancestry, the
 * compare API on the demo's code repository, not by an exact match).
 */
final class DemoWhere {

  private DemoWhere() {}

  /** Prints both answers as {@code trafficlight where} does; false when the check fails. */
  static boolean check(
      String hubUrl,
      String repository,
      String token,
      String first,
      String second,
      PrintStream out) {
    try (GitHubClient github =
        new GitHubClient(
            GitHubEndpoint.parse(hubUrl),
            new Credentials.Token(token),
            Duration.ofSeconds(30),
            RetryPolicy.DEFAULT,
            message -> {},
            new MemoryResponseCache(100))) {
      Board board =
          new GateReader(github, RepositoryName.parse(repository), TitleFormat.defaultFormat())
              .read();
      Ancestry ancestry = new Ancestry(github, null);
      Where.Answer later = Where.find(board, second, ancestry);
      Where.Answer earlier = Where.find(board, first, ancestry);
      out.println("$ trafficlight where " + first.substring(0, 7) + " --repository " + repository);
      out.print(WhereText.render(earlier));
      List<String> reached =
          later.stages().stream()
              .filter(Where.StageAnswer::deployed)
              .map(Where.StageAnswer::shortName)
              .toList();
      List<String> missing =
          earlier.stages().stream()
              .filter(s -> reached.contains(s.shortName()) && !s.deployed())
              .map(Where.StageAnswer::shortName)
              .toList();
      if (reached.isEmpty() || !missing.isEmpty()) {
        out.println(
            "FAILED: where "
                + first.substring(0, 7)
                + " should say deployed at "
                + String.join(", ", reached)
                + ", but not at "
                + String.join(", ", missing));
        return false;
      }
      return true;
    }
  }
}
