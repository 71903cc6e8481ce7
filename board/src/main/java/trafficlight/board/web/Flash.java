package trafficlight.board.web;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import trafficlight.board.Board;
import trafficlight.board.Build;
import trafficlight.board.GateIssue;
import trafficlight.board.Project;
import trafficlight.board.Promotion;
import trafficlight.board.Stage;
import trafficlight.board.Texts;
import trafficlight.gate.TitleFormat;

/**
 * The one-line messages the board's page shows after a redirect ({@code /?flash=…}). The URL
 * carries a fixed key and checked parameters, never text, so a link cannot make the board say what
 * it did not: the words come from here and the facts (project, stages, closer, build) from the
 * board as GitHub has it. That holds on every replica: none keeps a message for another.
 */
final class Flash {

  static final String SIGNED_OUT = "flash=signed-out";

  private static final Pattern ISSUE = Pattern.compile("[1-9][0-9]{0,9}");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,40}");

  private Flash() {}

  /** The query that says, once the board has read it again, what {@code result} did. */
  static String promoted(Promotion.Result result, boolean asSignedInPerson) {
    StringBuilder q = new StringBuilder("flash=promoted&issue=").append(result.closed().number());
    if (asSignedInPerson) {
      q.append("&as=closer");
    }
    if (result.chosen() != null && result.chosen().commit() != null) {
      q.append("&build=").append(Web.enc(result.chosen().commit()));
    }
    return q.toString();
  }

  /** The message {@code query} names, or empty for none, an unknown key or a bad parameter. */
  static String text(Map<String, String> query, Board board) {
    return switch (query.getOrDefault("flash", "")) {
      case "signed-out" -> "Signed out";
      case "promoted" -> promoted(query, board);
      default -> "";
    };
  }

  private static String promoted(Map<String, String> query, Board board) {
    String number = query.getOrDefault("issue", "");
    if (!ISSUE.matcher(number).matches()) {
      return "";
    }
    Optional<Found> found = find(board, Long.parseLong(number));
    if (found.isEmpty()) {
      return "Promoted: closed #" + number;
    }
    Stage stage = found.get().stage();
    GateIssue issue = found.get().issue();
    StringBuilder text =
        new StringBuilder("Promoted ")
            .append(stage.project())
            .append(' ')
            .append(stage.shortName())
            .append(" to ")
            .append(nextStage(found.get().project(), stage))
            .append(": closed #")
            .append(number);
    if (query.containsKey("as") && issue.closedBy() != null) {
      text.append(" (as ").append(issue.closedBy()).append(')');
    }
    String commit = query.getOrDefault("build", "");
    if (COMMIT.matcher(commit).matches()) {
      issue.builds().stream()
          .filter(b -> b.commit() != null && b.commit().startsWith(commit))
          .reduce((first, second) -> second)
          .ifPresent(b -> text.append(", approving ").append(approving(b)));
    }
    return text.toString();
  }

  private static String approving(Build build) {
    return Texts.build(build) + " " + build.shortCommit();
  }

  private static String nextStage(Project project, Stage stage) {
    if (stage.next() == null) {
      return "the next stage";
    }
    return project
        .stage(stage.next())
        .map(Stage::shortName)
        .orElse(TitleFormat.shortStage(stage.next()));
  }

  private record Found(Project project, Stage stage, GateIssue issue) {}

  private static Optional<Found> find(Board board, long number) {
    if (board == null) {
      return Optional.empty();
    }
    for (Project p : board.projects()) {
      for (Stage s : p.stages()) {
        for (GateIssue i : s.issues()) {
          if (i.number() == number) {
            return Optional.of(new Found(p, s, i));
          }
        }
      }
    }
    return Optional.empty();
  }
}
