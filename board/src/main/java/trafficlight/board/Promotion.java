package trafficlight.board;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import trafficlight.gate.ApprovalDecision;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.CloseReason;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.GateEvent;
import trafficlight.gate.GateEvents;
import trafficlight.gate.PromoteDirective;
import trafficlight.gate.RepositoryAccess;
import trafficlight.gate.TeamMembership;
import trafficlight.gate.TitleFormat;
import trafficlight.gate.github.GitHubRepositoryAccess;
import trafficlight.gate.github.GitHubTeamMembership;
import trafficlight.gate.github.IssueGates;
import trafficlight.gate.github.IssueTexts;
import trafficlight.github.Comment;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.github.Issue;
import trafficlight.github.RepositoryName;

/**
 * Promotes a stage: closes its open gate issue (the go-ahead), saying who promoted it and, when a
 * commit is given, which of the issue's builds it approves (a {@link PromoteDirective}).
 */
public final class Promotion {

  /** Nothing to promote, or no such project or stage: the message says which, for a person. */
  public static class Refused extends RuntimeException {
    public Refused(String message) {
      super(message);
    }
  }

  /**
   * The commit asked for names none of the issue's recorded builds, or several: the asker's mistake
   * (or a forged request), not a change of the issue's state.
   */
  public static final class NotRecorded extends Refused {
    NotRecorded(String message) {
      super(message);
    }
  }

  /**
   * What a promotion did.
   *
   * @param promoted the stage as the board read it before the promotion (its latest issue is the
   *     one closed)
   * @param next the short name of the stage a close lets deploy
   * @param closed the issue as the close left it
   * @param by who promoted, as the request said, or null
   * @param chosen the build a {@code --commit} chose, or null when the newest is approved
   */
  public record Result(Stage promoted, String next, Issue closed, String by, DeployRecord chosen) {}

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
                    noSuch(
                        "project",
                        projectName,
                        board.repository(),
                        board.projects().stream().map(Project::name)));
    Stage stage =
        project
            .stage(stageName)
            .orElseThrow(
                () ->
                    noSuch(
                        "stage",
                        stageName,
                        project.name(),
                        project.stages().stream().map(Stage::shortName)));
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
              + (CloseReason.of(latest.stateReason()) == CloseReason.NOT_PLANNED
                  ? " as not planned"
                  : "")
              + Texts.by(latest)
              + "; the next deploy of "
              + stage.shortName()
              + " opens a new one");
    }
    return stage;
  }

  /** "no stage "Prod" in myapp; stages: CI, QA": what was asked for and what there is. */
  private static Refused noSuch(String kind, String name, String in, Stream<String> there) {
    return new Refused(
        "no "
            + kind
            + " \""
            + name
            + "\" in "
            + in
            + "; "
            + kind
            + "s: "
            + there.collect(Collectors.joining(", ")));
  }

  /**
   * A promotion someone asked for.
   *
   * @param project the project's name
   * @param stage the stage's name, whole or short
   * @param by who promotes, for the comment; null when only the token tells (GitHub names the
   *     token's user as the comment's author and the closer)
   * @param via how, for the comment ({@code trafficlight promote}, {@code the trafficlight board})
   * @param commit a SHA or prefix of a commit the issue's builds recorded, or null for the newest
   */
  public record Request(String project, String stage, String by, String via, String commit) {}

  /**
   * Promotes: re-reads the issue (the board may be stale), comments who promoted it (once: not
   * again if an earlier attempt that failed before closing left the comment, and a comment whose
   * response was lost is looked for before it is repeated), closes it as completed (a close is safe
   * to repeat). A request that names a commit promotes the build whose commit starts with it,
   * written as a {@code /promote <full sha>} first line of the comment, which the next stage's get
   * honours.
   *
   * <p>Sends {@link GateEvent.Closed} to {@code events} once the issue is closed (the closer as
   * GitHub names it), or {@link GateEvent.Refused} when the approvers rule refuses the close it
   * would make: nothing is closed then, and the event names the request's {@code by} (null when
   * only the token tells).
   *
   * @throws NotRecorded when the request's commit names no recorded build, or several, listing
   *     them; nothing is written then
   * @throws Refused when nothing waits, the issue was closed meanwhile, or the close would not
   *     count under the approvers rule the issue's deploy records name; nothing is written then
   */
  public static Result promote(
      GitHubClient github, RepositoryName repo, Board board, Request request, GateEvents events) {
    return promote(github, repo, board, request, events, true);
  }

  /**
   * Promotes the build a person picked among the issue's builds: the newest recorded one is what a
   * plain close approves, so it is closed as a request without a commit is; an older one is written
   * as a {@code /promote <full sha>} first. Whether the pick is the newest is decided on the issue
   * as read now, so a build recorded after the person looked is not what their pick approves.
   * Otherwise as {@link #promote}.
   */
  public static Result promotePicked(
      GitHubClient github, RepositoryName repo, Board board, Request request, GateEvents events) {
    return promote(github, repo, board, request, events, false);
  }

  private static Result promote(
      GitHubClient github,
      RepositoryName repo,
      Board board,
      Request request,
      GateEvents events,
      boolean directNewest) {
    Stage stage = waiting(board, request.project(), request.stage());
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
    String next = stage.next() != null ? TitleFormat.shortStage(stage.next()) : "the next stage";
    String who = request.by() == null || request.by().isBlank() ? null : request.by().strip();
    List<Comment> comments = github.listComments(repo, number, null);
    RepositoryAccess access = GitHubRepositoryAccess.orNone(github, repo);
    List<DeployRecord> records =
        DeployRecord.readIssue(IssueTexts.body(now), IssueTexts.comments(comments), access)
            .records();
    DeployRecord chosen =
        request.commit() == null ? null : choose(now, records, request.commit(), directNewest);
    GateEvent.Gate gate = IssueGates.of(repo, now);
    String why = refusal(github, records, chosen != null, access);
    if (why != null) {
      events.send(new GateEvent.Refused(gate, Instant.now(), who, why));
      throw new Refused(
          "not promoted: " + why + "; #" + number + " stays open and nothing was written");
    }
    String comment =
        (chosen == null ? "" : PromoteDirective.render(chosen.commit()) + "\n\n")
            + "Promoted to **"
            + next
            + "**"
            + (who == null ? "" : " by " + who)
            + " with "
            + request.via()
            + ": closing this issue lets the next stage deploy"
            + (chosen == null
                ? "."
                : " build "
                    + chosen.buildName()
                    + " (`"
                    + chosen.shortCommit()
                    + "`"
                    + (chosen.subject() == null ? "" : " " + chosen.subject())
                    + ").");
    comment(github, repo, now, comments, comment);
    Map<String, Object> close = new LinkedHashMap<>();
    close.put("state", "closed");
    close.put("state_reason", CloseReason.COMPLETED.apiName());
    Issue closed = github.updateIssue(repo, number, close);
    events.send(
        new GateEvent.Closed(
            gate,
            closed.closedAt() != null ? closed.closedAt() : Instant.now(),
            closed.closedBy()));
    return new Result(stage, next, closed, who, chosen);
  }

  /**
   * Why the token's own close of a stage's waiting issue would not count, by the approvers rule its
   * deploy records name ({@link ApprovalRule#decide}, as the trigger resource decides it), or null
   * when it would (or no record names a rule: then any close counts, and so does the closer's own
   * {@code /promote}).
   */
  public static String refusal(GitHubClient github, Stage stage) {
    List<DeployRecord> records = stage.latest().builds().stream().map(Build::record).toList();
    return refusal(github, records, false, RepositoryAccess.NOBODY);
  }

  private static String refusal(
      GitHubClient github, List<DeployRecord> records, boolean picks, RepositoryAccess access) {
    Optional<ApprovalRule> rule = DeployRecord.newestRule(records);
    if (rule.isEmpty() || !rule.get().restricts()) {
      return null;
    }
    String closer;
    try {
      closer = github.authenticatedLogin();
    } catch (GitHubException e) {
      return "GitHub does not say whose token this is ("
          + e.getMessage()
          + "), so its close"
          + " cannot be shown to count under the approvers rule";
    }
    TeamMembership teams = GitHubTeamMembership.of(github);
    ApprovalDecision decision = rule.get().decide(closer, teams, records);
    if (decision instanceof ApprovalDecision.Refused refused) {
      // the rule speaks of a close that happened; here it is one that would
      return refused.reason().replaceFirst("^closed by (\\S+), who ", "$1 ");
    }
    // the /promote is the closer's own, written before the close: the same rule as the get's
    if (picks && !rule.get().mayDirect(closer, closer, null, teams, access)) {
      return closer + " may not choose the build (" + rule.get().describeWhoMayDirect() + ")";
    }
    return null;
  }

  /**
   * The build {@code commit} chooses among the issue's records, read afresh; null when it is the
   * newest record's commit and {@code directNewest} is false (a plain close approves that one).
   */
  private static DeployRecord choose(
      Issue issue, List<DeployRecord> records, String commit, boolean directNewest) {
    PromoteDirective.Choice choice = new PromoteDirective(commit.strip()).choose(records);
    if (choice instanceof PromoteDirective.Refused refused) {
      throw new NotRecorded("cannot promote #" + issue.number() + ": " + refused.reason());
    }
    DeployRecord chosen = ((PromoteDirective.Chosen) choice).record();
    if (!directNewest && chosen == records.get(records.size() - 1)) {
      return null;
    }
    return chosen;
  }

  /**
   * Comments once: not again when an earlier promotion that failed before closing already left the
   * same comment, and, when a response is lost, not before looking for it ({@link
   * GitHubClient#commentOnce}, as the resource's put does).
   */
  private static Comment comment(
      GitHubClient github, RepositoryName repo, Issue issue, List<Comment> comments, String body) {
    for (Comment c : comments) {
      if (c.body() != null && c.body().strip().equals(body.strip())) {
        return c;
      }
    }
    return github.commentOnce(repo, issue.number(), body, issue.updatedAt());
  }
}
