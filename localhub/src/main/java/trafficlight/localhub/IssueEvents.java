package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
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
    for (Action action : actions(before, after)) {
      ObjectNode payload =
          payloads.issues(repo, action.name(), after, sender, action.changes(), action.label());
      webhooks.publish(EVENT, action.name(), repo.repo.id(), Json.write(payload));
    }
  }

  /** One {@code issues} event's action, with the {@code changes} or the label it carries. */
  private record Action(String name, ObjectNode changes, String label) {
    static Action of(String name) {
      return new Action(name, null, null);
    }
  }

  private static List<Action> actions(StoredIssue before, StoredIssue after) {
    if (before == null) {
      return List.of(Action.of("opened"));
    }
    List<Action> actions = new ArrayList<>();
    ObjectNode changes = Json.object();
    if (!Objects.equals(before.title(), after.title())) {
      changes.putObject("title").put("from", before.title());
    }
    if (!Objects.equals(before.body(), after.body())) {
      changes.putObject("body").put("from", before.body() == null ? "" : before.body());
    }
    if (!changes.isEmpty()) {
      actions.add(new Action("edited", changes, null));
    }
    for (String label : after.labels()) {
      if (before.labels().stream().noneMatch(label::equalsIgnoreCase)) {
        actions.add(new Action("labeled", null, label));
      }
    }
    for (String label : before.labels()) {
      if (after.labels().stream().noneMatch(label::equalsIgnoreCase)) {
        actions.add(new Action("unlabeled", null, label));
      }
    }
    if (before.isOpen() && !after.isOpen()) {
      actions.add(Action.of("closed"));
    } else if (!before.isOpen() && after.isOpen()) {
      actions.add(Action.of("reopened"));
    }
    return actions;
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
