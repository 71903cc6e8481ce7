package trafficlight.board;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import trafficlight.github.GitHubClient;
import trafficlight.github.Issue;
import trafficlight.github.RepositoryName;

/** Promotes a stage: closes its open gate issue (the go-ahead), saying who promoted it. */
public final class Promotion {

  /** Nothing to promote, or no such project or stage: the message says which, for a person. */
  public static final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message);
    }
  }

  /** What a promotion did. */
  public record Result(
      String project,
      String stage,
      String next,
      long issue,
      String issueUrl,
      int deploys,
      String by) {}

  private Promotion() {}

  /**
   * The stage to promote, when its latest issue waits.
   *
   * @throws Refused naming why not
   */
  public static Stage waiting(Board board, String projectName, String stageName) {
    Project project =
        board
            .project(projectName)
            .orElseThrow(
                () ->
                    new Refused(
                        "no project \""
                            + projectName
                            + "\" in "
                            + board.repository()
                            + "; projects: "
                            + board.projects().stream()
                                .map(Project::name)
                                .collect(Collectors.joining(", "))));
    Stage stage =
        project
            .stage(stageName)
            .orElseThrow(
                () ->
                    new Refused(
                        "no stage \""
                            + stageName
                            + "\" in "
                            + project.name()
                            + "; stages: "
                            + project.stages().stream()
                                .map(Stage::shortName)
                                .collect(Collectors.joining(", "))));
    String where = project.name() + " " + stage.shortName();
    if (stage.finalStage()) {
      throw new Refused(
          "nothing to promote: "
              + where
              + " is the last stage (finalized-deployment); there is no stage after it");
    }
    if (stage.latest() == null) {
      throw new Refused("nothing to promote: " + where + " has never been deployed");
    }
    GateIssue latest = stage.latest();
    if (!latest.isOpen()) {
      throw new Refused(
          "nothing waits for promotion in "
              + where
              + ": its latest issue #"
              + latest.number()
              + " was closed"
              + ("not_planned".equals(latest.stateReason()) ? " as not planned" : "")
              + Texts.by(latest)
              + "; the next deploy of "
              + stage.shortName()
              + " opens a new one");
    }
    return stage;
  }

  /**
   * Promotes: re-reads the issue (the board may be stale), comments who promoted it (once: not
   * again if an earlier attempt that failed before closing left the comment, and a comment whose
   * response was lost is looked for before it is repeated), closes it as completed (a close is safe
   * to repeat).
   *
   * @param by who promotes, for the comment; null when only the token tells (GitHub names the
   *     token's user as the comment's author and the closer)
   * @param via how, for the comment ({@code trafficlight promote}, {@code the trafficlight board})
   * @throws Refused when nothing waits, or the issue was closed meanwhile
   */
  public static Result promote(
      GitHubClient github,
      RepositoryName repo,
      Board board,
      String projectName,
      String stageName,
      String by,
      String via) {
    Stage stage = waiting(board, projectName, stageName);
    long number = stage.latest().number();
    Issue now = github.getIssue(repo, number);
    if (!now.isOpen()) {
      throw new Refused(
          "nothing waits for promotion in "
              + stage.project()
              + " "
              + stage.shortName()
              + ": #"
              + number
              + " was closed meanwhile"
              + (now.closedBy() != null ? " by " + now.closedBy() : "")
              + (now.closedAt() != null ? " at " + Texts.time(now.closedAt()) : ""));
    }
    String next = stage.next() != null ? Stage.shortNameOf(stage.next()) : "the next stage";
    String who = by == null || by.isBlank() ? null : by.strip();
    String comment =
        "Promoted to **"
            + next
            + "**"
            + (who == null ? "" : " by " + who)
            + " with "
            + via
            + ": closing this issue lets the next stage deploy.";
    comment(github, repo, now, comment);
    Map<String, Object> close = new LinkedHashMap<>();
    close.put("state", "closed");
    close.put("state_reason", "completed");
    Issue closed = github.updateIssue(repo, number, close);
    return new Result(
        stage.project(),
        stage.shortName(),
        next,
        number,
        closed.htmlUrl(),
        stage.latest().deploys(),
        who);
  }

  /**
   * Comments once: not again when an earlier promotion that failed before closing already left the
   * same comment, and, when a response is lost, not before looking for it ({@link
   * GitHubClient#commentOnce}, as the resource's put does).
   */
  private static void comment(GitHubClient github, RepositoryName repo, Issue issue, String body) {
    if (!alreadyCommented(github, repo, issue.number(), body)) {
      github.commentOnce(repo, issue.number(), body, issue.updatedAt());
    }
  }

  private static boolean alreadyCommented(
      GitHubClient github, RepositoryName repo, long number, String body) {
    return github.listComments(repo, number, null).stream()
        .anyMatch(c -> c.body() != null && c.body().strip().equals(body.strip()));
  }
}
