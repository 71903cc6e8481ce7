package trafficlight.board.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import trafficlight.board.Build;
import trafficlight.board.Stage;
import trafficlight.gate.ApprovalDecision;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.TeamMembership;
import trafficlight.github.GitHubException;

/**
 * Whether the signed-in person may promote a stage: their own permission on the gate repository
 * (read with their token at sign-in) and, when the stage has an approvers rule, {@link
 * ApprovalRule}'s decision for them as the closer, with the deploy records. The answer is
 * kept per session, stage and issue for {@code keep} (the board's refresh), so viewing the board
 * costs GitHub at most one round of team questions per refresh; a promotion asks afresh.
 *
 * @param rules the approvers rule of a stage, when it has one
 * @param teams asks GitHub whether someone is an active member of a team, with the board's token
 * @param keep how long an answer is believed
 */
record PromoteAccess(
    Function<Stage, Optional<ApprovalRule>> rules,
    TeamMembership teams,
    Clock clock,
    Duration keep) {

  /** The answer and, when not allowed, why, for the person. */
  record Verdict(boolean allowed, String why, Instant until) {}

  /** The kept verdict when still good, else a fresh one (then kept). */
  Verdict verdict(Sessions.Session session, Stage stage) {
    String key = stage.project() + "\u0000" + stage.name() + "\u0000" + stage.latest().number();
    synchronized (session) {
      Verdict kept = session.verdicts.get(key);
      if (kept != null && clock.instant().isBefore(kept.until())) {
        return kept;
      }
    }
    Verdict fresh = decide(session, stage);
    synchronized (session) {
      if (session.verdicts.size() > 500) {
        session.verdicts.clear();
      }
      session.verdicts.put(key, fresh);
    }
    return fresh;
  }

  /** Decides now, asking GitHub for team memberships as needed. */
  Verdict decide(Sessions.Session session, Stage stage) {
    Instant until = clock.instant().plus(keep);
    if (session == null || !session.signedIn()) {
      return new Verdict(false, "sign in to promote", until);
    }
    if (!session.person.permission().canClose()) {
      return new Verdict(
          false, session.login() + " may not promote: " + session.person.permission().why(), until);
    }
    Optional<ApprovalRule> rule = rules.apply(stage);
    if (rule.isEmpty() || !rule.get().restricts()) {
      return new Verdict(true, null, until);
    }
    List<DeployRecord> records = stage.latest().builds().stream().map(Build::record).toList();
    try {
      ApprovalDecision decision = rule.get().decide(session.login(), teams, records);
      if (decision instanceof ApprovalDecision.Refused refused) {
        // the rule speaks of a close that happened; here it is one that would
        String why = refused.reason().replaceFirst("^closed by (\\S+), who ", "$1 ");
        return new Verdict(false, why, until);
      }
      return new Verdict(true, null, until);
    } catch (GitHubException e) {
      return new Verdict(
          false,
          "cannot tell whether " + session.login() + " may promote: " + e.getMessage(),
          until);
    }
  }
}
