package trafficlight.gate.github;

import trafficlight.gate.GateEvent;
import trafficlight.github.Issue;
import trafficlight.github.RepositoryName;

/** A gate issue, as GitHub answers it, as the {@link GateEvent.Gate} its events name. */
public final class IssueGates {

  private IssueGates() {}

  public static GateEvent.Gate of(RepositoryName repository, Issue issue) {
    return new GateEvent.Gate(
        repository.toString(), issue.number(), issue.title(), issue.htmlUrl());
  }
}
