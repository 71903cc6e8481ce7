package trafficlight.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import trafficlight.board.Board;
import trafficlight.board.BoardJson;
import trafficlight.board.Promotion;
import trafficlight.gate.GateEvents;
import trafficlight.github.GitHubClient;

/** {@code trafficlight promote <project> <stage>}: closes the stage's waiting gate issue. */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description =
        "Promote a stage: close its open gate issue (the go-ahead for the next stage), with a"
            + " comment saying who promoted it (and, with --commit, which build).")
public final class PromoteCommand extends OneShotBoardCommand {

  @Parameters(index = "0", paramLabel = "<project>")
  String project;

  @Parameters(index = "1", paramLabel = "<stage>", description = "QA or applications.myapp.QA.")
  String stage;

  @Option(
      names = "--by",
      description = "Who promotes, for the comment (default: the user running the command).")
  String by = System.getProperty("user.name");

  @Option(
      names = "--commit",
      paramLabel = "<sha>",
      description =
          "Approve the build of this commit (a SHA or a prefix of 4+ hex digits of one the issue's"
              + " builds recorded) instead of the newest: the comment starts /promote <sha>.")
  String commit;

  @Override
  int run(GitHubClient client, Board board) {
    Promotion.Result r =
        Promotion.promote(
            client,
            github.repo(),
            board,
            new Promotion.Request(project, stage, by, "`trafficlight promote`", commit),
            GateEvents.NONE);
    if (json) {
      out.println(BoardJson.write(BoardJson.promotion(r), true));
    } else {
      out.println(
          "promoted "
              + r.promoted().project()
              + " "
              + r.promoted().shortName()
              + " to "
              + r.next()
              + ": closed #"
              + r.closed().number()
              + " ("
              + r.promoted().latest().deploys()
              + (r.promoted().latest().deploys() == 1 ? " build" : " builds")
              + ") "
              + r.closed().htmlUrl()
              + (r.chosen() == null
                  ? ""
                  : "; approved build "
                      + r.chosen().buildName()
                      + " ("
                      + r.chosen().shortCommit()
                      + (r.chosen().subject() == null ? "" : " " + r.chosen().subject())
                      + ")"));
    }
    return 0;
  }
}
