package trafficlight.relay;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import trafficlight.gate.ApprovalDecision;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.GateEvent;
import trafficlight.gate.GateEvents;
import trafficlight.gate.IssueFilter;
import trafficlight.gate.RefusedCloseNote;
import trafficlight.gate.TeamMembership;
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
 * Reopens a gate issue whose close the approvers rule refuses, with one comment that names the rule
 * ({@link RefusedCloseNote}). It acts on the issue as GitHub has it when it looks, not on the
 * delivery: an issue already open is left alone, a note already on this close is not written again,
 * and reopening is a PATCH that may be repeated. So a redelivery, a duplicate delivery or a write
 * whose response was lost (the comment through {@link trafficlight.github.WriteOnce}) never doubles
 * the comment, and delivering the close again finishes a reopen that failed half way. One issue at
 * a time, in order, so two deliveries of one close do not race each other.
 *
 * <p>What the review finds it sends as a {@link GateEvent}, at the close's time: {@link
 * GateEvent.Refused} once the issue is reopened (a review that fails half way sends nothing; the
 * redelivery that finishes it does), {@link GateEvent.Closed} for a close the rule lets promote and
 * {@link GateEvent.Abandoned} for one as not planned or duplicate. Every delivery of a close that
 * stays closed is looked at, so a repeated delivery sends its event again with the same gate and
 * time.
 */
final class RefusedCloses implements AutoCloseable {

  private final GitHubClient github;
  private final RelayMetrics metrics;
  private final Consumer<String> log;
  private final GateEvents events;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "relay-reopens");
            thread.setDaemon(true);
            return thread;
          });

  RefusedCloses(
      GitHubClient github, RelayMetrics metrics, Consumer<String> log, GateEvents events) {
    this.github = github;
    this.metrics = metrics;
    this.log = log;
    this.events = events;
  }

  /**
   * Queues a look at issue {@code number}: reopened when every route restricts who may promote and
   * every one refuses its close (a route that lets anyone promote takes the close as it is).
   */
  void review(List<Route> routes, long number, String delivery) {
    if (number <= 0 || routes.isEmpty() || !routes.stream().allMatch(r -> r.rule().restricts())) {
      return;
    }
    try {
      worker.execute(() -> reviewNow(routes, number, delivery));
    } catch (RejectedExecutionException closed) {
      // shutting down: GitHub's redelivery, or the next close, brings it back
    }
  }

  private void reviewNow(List<Route> routes, long number, String delivery) {
    RepositoryName repo = RepositoryName.parse(routes.get(0).repository());
    try {
      Issue issue = github.getIssue(repo, number);
      if (!issue.isClosed()) {
        metrics.reopen("not_closed");
        return;
      }
      GateEvent.Gate gate = IssueGates.of(repo, issue);
      if (IssueFilter.isAbandoned(issue.stateReason())) {
        metrics.reopen("not_closed");
        events.send(new GateEvent.Abandoned(gate, issue.closedAt(), issue.closedBy()));
        return;
      }
      List<Comment> comments = github.listComments(repo, number, null);
      List<DeployRecord> records = records(repo, issue, comments);
      TeamMembership teams = GitHubTeamMembership.of(github);
      String reason = null;
      for (Route route : routes) {
        ApprovalDecision decision = route.rule().decide(issue.closedBy(), teams, records);
        if (decision instanceof ApprovalDecision.Refused refused) {
          reason = reason == null ? refused.reason() : reason;
        } else {
          metrics.reopen("allowed");
          events.send(new GateEvent.Closed(gate, issue.closedAt(), issue.closedBy()));
          return;
        }
      }
      if (comments.stream().noneMatch(c -> RefusedCloseNote.answers(c.body(), issue.closedAt()))) {
        github.commentOnce(
            repo, number, RefusedCloseNote.render(reason, issue.closedAt()), issue.closedAt());
      }
      github.updateIssue(repo, number, Map.of("state", "open"));
      metrics.reopen("reopened");
      log.accept("relay: reopened " + repo + "#" + number + ": " + reason);
      events.send(new GateEvent.Refused(gate, issue.closedAt(), issue.closedBy(), reason));
    } catch (GitHubException e) {
      metrics.reopen("failed");
      log.accept(
          "relay: could not review the close of "
              + repo
              + "#"
              + number
              + " (delivery "
              + delivery
              + "): "
              + e.getMessage()
              + "; redeliver the close from the webhook's Recent Deliveries to try again");
    } catch (RuntimeException e) {
      metrics.reopen("failed");
      log.accept("relay: could not review the close of " + repo + "#" + number + ": " + e);
    }
  }

  /**
   * The deploy records that count ({@link DeployRecord#readIssue}): a forged record in someone
   * else's comment must not name the closer as a commit's author under {@code forbid_self_approval}
   * and so get a legitimate close reopened.
   */
  private List<DeployRecord> records(RepositoryName repo, Issue issue, List<Comment> comments) {
    return DeployRecord.readIssue(
            IssueTexts.body(issue),
            IssueTexts.comments(comments),
            GitHubRepositoryAccess.of(github, repo))
        .records();
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
