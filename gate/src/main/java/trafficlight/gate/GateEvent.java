package trafficlight.gate;

import java.time.Instant;

/**
 * Something that happened to a gate issue, with the facts a reaction needs and nothing of who
 * noticed it: the put, the consuming get, the relay and the board each send the events they see,
 * and whatever reacts (a pull-request comment, flow figures, a chat notice) takes them through
 * {@link GateEvents} without knowing where they came from.
 *
 * <p>A gate's life: {@link Opened} by a deploy's put, {@link BuildAdded} by later puts while it is
 * open, then {@link Closed} as a go-ahead, {@link Refused} when the approval rule does not let the
 * closer promote, or {@link Abandoned} when closed as not planned or duplicate; a go-ahead is
 * {@link Consumed} by the next stage's get, whose put is that stage's {@link Deployed}.
 */
public sealed interface GateEvent {

  /** The issue it happened to. */
  Gate gate();

  /** When it happened, as GitHub or the build saw it; null when not known. */
  Instant at();

  /**
   * A gate issue as events name it.
   *
   * @param repository {@code owner/name} of the gate repository
   * @param url the page, or null
   */
  record Gate(String repository, long number, String title, String url) {}

  /** A put opened the gate issue for a deploy. */
  record Opened(Gate gate, Instant at, DeployRecord deploy) implements GateEvent {}

  /** A put added a deploy to the gate issue that was already open. */
  record BuildAdded(Gate gate, Instant at, DeployRecord deploy) implements GateEvent {}

  /**
   * A close that lets the next stage deploy.
   *
   * @param closedBy the closer's login, or null when GitHub did not say
   */
  record Closed(Gate gate, Instant at, String closedBy) implements GateEvent {}

  /**
   * A close the approval rule refuses: the next stage does not deploy.
   *
   * @param reason the rule's one-line refusal, as the build log and the board say it
   */
  record Refused(Gate gate, Instant at, String closedBy, String reason) implements GateEvent {}

  /** A close as not planned or duplicate: never a go-ahead. */
  record Abandoned(Gate gate, Instant at, String closedBy) implements GateEvent {}

  /**
   * The next stage's get took the go-ahead, renaming the issue {@code [CONSUMED #build]…}.
   *
   * @param build the consuming build's name
   * @param approval what the close approved
   */
  record Consumed(Gate gate, Instant at, String build, Approval approval) implements GateEvent {}

  /**
   * A deploy reached a stage: the put of a deploy job, recorded on that stage's gate issue.
   *
   * @param deploy what was deployed; its {@code promotedFrom} names the approval it came from, when
   *     a gate led here
   */
  record Deployed(Gate gate, Instant at, DeployRecord deploy) implements GateEvent {}
}
