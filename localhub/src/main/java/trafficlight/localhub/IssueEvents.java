package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Turns each issue change into the {@code issues} events GitHub would send for it, in this order:
 * opened; edited (title or body, with {@code changes}); labeled and unlabeled, one per label;
 * closed or reopened. Pull requests send none (GitHub sends {@code pull_request} events instead).
 */
record IssueEvents(WebhookPayloads payloads, Webhooks webhooks) implements IssueListener {
  static final String EVENT = "issues";

  @Override
  public void changed(RepoState repo, StoredIssue before, StoredIssue after, String actor) {
    if (after.pullRequest() || webhooks.hooks(repo.repo.id()).isEmpty()) {
      return;
    }
    try {
      sendAll(repo, before, after, actor);
    } catch (RuntimeException e) {
      // The change is stored already: a webhook the hub cannot render must not fail the request.
      System.err.println(
          "localhub: no issues webhook for "
              + repo.repo.fullName()
              + "#"
              + after.number()
              + ": "
              + e);
    }
  }

  private void sendAll(RepoState repo, StoredIssue before, StoredIssue after, String actor) {
    String sender = sender(repo, after, actor);
    if (before == null) {
      send(repo, "opened", after, sender, null, null);
      return;
    }
    ObjectNode changes = Json.object();
    if (!Objects.equals(before.title(), after.title())) {
      changes.putObject("title").put("from", before.title());
    }
    if (!Objects.equals(before.body(), after.body())) {
      changes.putObject("body").put("from", before.body() == null ? "" : before.body());
    }
    if (!changes.isEmpty()) {
      send(repo, "edited", after, sender, changes, null);
    }
    for (String label : after.labels()) {
      if (before.labels().stream().noneMatch(label::equalsIgnoreCase)) {
        send(repo, "labeled", after, sender, null, label);
      }
    }
    for (String label : before.labels()) {
      if (after.labels().stream().noneMatch(label::equalsIgnoreCase)) {
        send(repo, "unlabeled", after, sender, null, label);
      }
    }
    if (before.isOpen() && !after.isOpen()) {
      send(repo, "closed", after, sender, null, null);
    } else if (!before.isOpen() && after.isOpen()) {
      send(repo, "reopened", after, sender, null, null);
    }
  }

  private void send(
      RepoState repo,
      String action,
      StoredIssue issue,
      String sender,
      ObjectNode changes,
      String label) {
    ObjectNode payload = payloads.issues(repo, action, issue, sender, changes, label);
    webhooks.publish(EVENT, action, repo.repo.id(), Json.write(payload));
  }

  /** Who did it: the actor when known, else whoever closed it, else the repository's owner. */
  private static String sender(RepoState repo, StoredIssue after, String actor) {
    if (actor != null) {
      return actor;
    }
    if (!after.isOpen() && after.closedBy() != null) {
      return after.closedBy();
    }
    return repo.repo.owner();
  }
}
