package trafficlight.board.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import trafficlight.board.Board;
import trafficlight.board.Build;
import trafficlight.board.GateIssue;
import trafficlight.board.Project;
import trafficlight.board.Stage;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.GateEvent;

/**
 * The flow figures of a board over a window, from the {@link GateEvent}s its issues imply ({@link
 * GateHistory}). What counts:
 *
 * <ul>
 *   <li>a deploy, a close or a first deploy counts when it happened at or after {@code since};
 *   <li>a gate wait runs from the issue's opening to its close as a go-ahead; refused and
 *       not-planned closes are counted apart; the chain's last stage has no gate;
 *   <li>a promotion delay runs from a go-ahead close to the next stage's deploy that names it
 *       ({@code promoted_from}) or that the consuming get named ({@code [CONSUMED #build]});
 *   <li>a lead time runs from a recorded commit's author time to its first deploy at the stage (the
 *       window's first: a commit deployed before the window and again in it counts from the later
 *       deploy). Deploys that record no commit, commits the code repository does not answer for and
 *       commits authored after their deploy (clock skew) are counted as left out, never as a zero
 *       or negative time.
 * </ul>
 */
public final class FlowStats {

  private static final double SECONDS_PER_WEEK = Duration.ofDays(7).toSeconds();

  private FlowStats() {}

  public static FlowReport of(Board board, Instant since, CommitTimes times) {
    Instant until = board.readAt();
    List<ProjectFlow> projects = new ArrayList<>();
    for (Project project : board.projects()) {
      List<StageFlow> stages = new ArrayList<>();
      for (Stage stage : project.stages()) {
        stages.add(stage(board.repository(), project, stage, since, until, times));
      }
      projects.add(new ProjectFlow(project.name(), stages));
    }
    return new FlowReport(board.repository(), since, until, projects);
  }

  private static StageFlow stage(
      String repository,
      Project project,
      Stage stage,
      Instant since,
      Instant until,
      CommitTimes times) {
    int deploys = 0;
    int refused = 0;
    int abandoned = 0;
    List<Duration> waits = new ArrayList<>();
    List<Duration> delays = new ArrayList<>();
    for (GateIssue issue : stage.issues()) {
      for (GateEvent event : GateHistory.of(repository, issue)) {
        if (!in(event.at(), since)) {
          continue;
        }
        if (event instanceof GateEvent.Deployed) {
          deploys++;
        } else if (stage.finalStage()) {
          continue; // the last stage has no gate: its closes let nothing through
        } else if (event instanceof GateEvent.Refused) {
          refused++;
        } else if (event instanceof GateEvent.Abandoned) {
          abandoned++;
        } else if (event instanceof GateEvent.Closed closed) {
          span(issue.createdAt(), closed.at()).ifPresent(waits::add);
          nextDeploy(project, stage, issue)
              .flatMap(deployed -> span(closed.at(), deployed))
              .ifPresent(delays::add);
        }
      }
    }
    LeadTimes lead = leadTimes(events(repository, stage), since, times);
    double weeks = Duration.between(since, until).toSeconds() / SECONDS_PER_WEEK;
    return new StageFlow(
        chainName(project, stage),
        stage.name(),
        stage.finalStage(),
        deploys,
        weeks > 0 ? deploys / weeks : 0,
        Distribution.of(waits),
        refused,
        abandoned,
        Distribution.of(delays),
        Distribution.of(lead.samples),
        new StageFlow.LeftOut(lead.withoutCommit, lead.commitUnknown, lead.clockSkew),
        waiting(stage, until));
  }

  private static List<GateEvent> events(String repository, Stage stage) {
    List<GateEvent> events = new ArrayList<>();
    for (GateIssue issue : stage.issues()) {
      events.addAll(GateHistory.of(repository, issue));
    }
    return events;
  }

  private static final class LeadTimes {
    final List<Duration> samples = new ArrayList<>();
    int withoutCommit;
    int commitUnknown;
    int clockSkew;
  }

  private static LeadTimes leadTimes(List<GateEvent> events, Instant since, CommitTimes times) {
    List<GateEvent.Deployed> deploys = new ArrayList<>();
    for (GateEvent event : events) {
      if (event instanceof GateEvent.Deployed d && d.at() != null) {
        deploys.add(d);
      }
    }
    deploys.sort(Comparator.comparing(GateEvent.Deployed::at));
    LeadTimes lead = new LeadTimes();
    Set<String> seen = new HashSet<>();
    for (GateEvent.Deployed deployed : deploys) {
      List<String> commits = commits(deployed.deploy());
      if (!in(deployed.at(), since)) {
        seen.addAll(commits);
        continue;
      }
      if (commits.isEmpty()) {
        lead.withoutCommit++;
        continue;
      }
      for (String sha : commits) {
        if (!seen.add(sha)) {
          continue;
        }
        Optional<Instant> authored = times.authoredAt(deployed.deploy().codeRepository(), sha);
        if (authored.isEmpty()) {
          lead.commitUnknown++;
        } else if (authored.get().isAfter(deployed.at())) {
          lead.clockSkew++;
        } else {
          lead.samples.add(Duration.between(authored.get(), deployed.at()));
        }
      }
    }
    return lead;
  }

  /** The commits a deploy recorded: those it carried, else the one it deployed. */
  private static List<String> commits(DeployRecord record) {
    List<String> shas = new ArrayList<>();
    for (DeployRecord.Commit c : record.commits()) {
      if (c.sha() != null) {
        shas.add(c.sha());
      }
    }
    if (record.commit() != null && !shas.contains(record.commit())) {
      shas.add(record.commit());
    }
    return shas;
  }

  /** When the next stage deployed what closing {@code issue} let through, if it did. */
  private static Optional<Instant> nextDeploy(Project project, Stage stage, GateIssue issue) {
    if (stage.next() == null) {
      return Optional.empty();
    }
    Optional<Stage> next =
        project.stages().stream().filter(s -> s.name().equals(stage.next())).findFirst();
    if (next.isEmpty()) {
      return Optional.empty();
    }
    Instant first = null;
    for (Build build : next.get().builds()) {
      DeployRecord record = build.record();
      boolean named =
          record.promotedFrom() != null
              ? record.promotedFrom().issue() == issue.number()
              : issue.consumedBy() != null && issue.consumedBy().equals(build.buildName());
      if (named && (first == null || build.at().isBefore(first))) {
        first = build.at();
      }
    }
    return Optional.ofNullable(first);
  }

  private static StageFlow.OpenGate waiting(Stage stage, Instant until) {
    GateIssue latest = stage.latest();
    if (stage.finalStage() || latest == null || !latest.isOpen()) {
      return null;
    }
    long seconds = Math.max(0, Duration.between(latest.createdAt(), until).toSeconds());
    return new StageFlow.OpenGate(
        latest.number(), latest.htmlUrl(), latest.createdAt(), seconds, latest.deploys());
  }

  /**
   * The stage as the chain spells it: as the previous stage's deploy records name it in {@code
   * next_stage}, else the titles' last dotted part.
   */
  private static String chainName(Project project, Stage stage) {
    Optional<Stage> before = project.before(stage);
    if (before.isPresent()) {
      for (Build build : before.get().builds()) {
        String spelled = build.record().nextStage();
        if (spelled != null && stage.named(spelled)) {
          return spelled;
        }
      }
    }
    return stage.shortName();
  }

  private static boolean in(Instant at, Instant since) {
    return at != null && !at.isBefore(since);
  }

  /** From {@code from} to {@code to}, or empty when the clocks put them the wrong way round. */
  private static Optional<Duration> span(Instant from, Instant to) {
    if (from == null || to == null || to.isBefore(from)) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(from, to));
  }
}
