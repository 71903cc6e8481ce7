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
 * The scripted demo's last check, answered as {@code trafficlight where} answers: the build chosen
 * with {@code /promote} is deployed at every stage, Production included, and the newer build QA
 * also deployed is deployed at every stage but Production, which never ran it.
 */
final class DemoWhere {

  private DemoWhere() {}

  /** Prints both answers as {@code trafficlight where} does; false when the check fails. */
  static boolean check(
      String hubUrl,
      String repository,
      String token,
      String shipped,
      String newer,
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
      Where.Answer chosen = Where.find(board, shipped, ancestry);
      Where.Answer later = Where.find(board, newer, ancestry);
      for (String sha : List.of(shipped, newer)) {
        out.println(
            "$ "
                + Hints.TRAFFICLIGHT
                + " where "
                + sha.substring(0, 7)
                + " --gh-host "
                + hubUrl
                + " --repository "
                + repository);
        out.print(WhereText.render(sha.equals(shipped) ? chosen : later));
      }
      List<String> chosenMissing = stages(chosen, false);
      List<String> laterReached = stages(later, true);
      List<String> all = chosen.stages().stream().map(Where.StageAnswer::shortName).toList();
      List<String> laterExpected = all.subList(0, all.size() - 1);
      if (all.isEmpty() || !chosenMissing.isEmpty() || !laterReached.equals(laterExpected)) {
        out.println(
            "FAILED: where "
                + shipped.substring(0, 7)
                + " should say deployed at "
                + String.join(", ", all)
                + " (not at "
                + String.join(", ", chosenMissing)
                + "), and where "
                + newer.substring(0, 7)
                + " at "
                + String.join(", ", laterExpected)
                + " (it says "
                + String.join(", ", laterReached)
                + ")");
        return false;
      }
      return true;
    }
  }

  private static List<String> stages(Where.Answer answer, boolean deployed) {
    return answer.stages().stream()
        .filter(s -> s.deployed() == deployed)
        .map(Where.StageAnswer::shortName)
        .toList();
  }
}
