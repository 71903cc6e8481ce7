package trafficlight.board.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import trafficlight.board.Build;
import trafficlight.board.GateIssue;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.GateEvent;

/**
 * The {@link GateEvent}s a gate issue's history implies, as the board read it: opened at its
 * creation with its first deploy, later deploys added by comments, then its close as a go-ahead, a
 * refusal or an abandonment, and its consumption by the next stage's get. Each recorded deploy is
 * also a {@link GateEvent.Deployed} of the issue's stage. The consumption carries no time: GitHub
 * does not say when the title changed without a request per issue.
 */
public final class GateHistory {

  /** What an issue's body says when it holds no record and no build log link. */
  private static final DeployRecord UNRECORDED = new DeployRecord(null, null, null, null, null);

  private GateHistory() {}

  /** The events of one issue, in the order they happened (the consumption last). */
  public static List<GateEvent> of(String repository, GateIssue issue) {
    GateEvent.Gate gate =
        new GateEvent.Gate(repository, issue.number(), issue.title(), issue.htmlUrl());
    List<Build> builds = new ArrayList<>(issue.builds());
    builds.sort(Comparator.comparing(Build::at));
    List<GateEvent> events = new ArrayList<>();
    boolean bodyRecorded = !builds.isEmpty() && builds.get(0).at().equals(issue.createdAt());
    if (!bodyRecorded) {
      // mitodl's shape without a link, or a body a person rewrote: still a deploy that opened it
      events.add(new GateEvent.Opened(gate, issue.createdAt(), UNRECORDED));
      events.add(new GateEvent.Deployed(gate, issue.createdAt(), UNRECORDED));
    }
    for (Build build : builds) {
      boolean opens = events.isEmpty();
      events.add(
          opens
              ? new GateEvent.Opened(gate, build.at(), build.record())
              : new GateEvent.BuildAdded(gate, build.at(), build.record()));
      events.add(new GateEvent.Deployed(gate, build.at(), build.record()));
    }
    if (!issue.isOpen() && issue.closedAt() != null) {
      events.add(close(gate, issue));
    }
    if (issue.consumedBy() != null) {
      events.add(
          new GateEvent.Consumed(
              gate,
              null,
              issue.consumedBy(),
              issue.deploying() == null ? null : issue.deploying().approval()));
    }
    return events;
  }

  private static GateEvent close(GateEvent.Gate gate, GateIssue issue) {
    if (issue.consumedBy() != null) {
      return new GateEvent.Closed(gate, issue.closedAt(), issue.closedBy());
    }
    return switch (issue.gateState()) {
      case ABANDONED -> new GateEvent.Abandoned(gate, issue.closedAt(), issue.closedBy());
      case REFUSED ->
          new GateEvent.Refused(gate, issue.closedAt(), issue.closedBy(), issue.refusal());
      default -> new GateEvent.Closed(gate, issue.closedAt(), issue.closedBy());
    };
  }
}
