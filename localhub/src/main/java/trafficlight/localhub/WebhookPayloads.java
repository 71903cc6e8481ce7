package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The payloads of the webhook events the hub sends, in the shapes of GitHub's webhook description
 * ({@code webhook-issues-*}, {@code webhook-ping}), with URLs under the hub's base URL.
 */
final class WebhookPayloads {
  private static final List<String> ZEN =
      List.of(
          "Design for failure.",
          "Non-blocking is better than blocking.",
          "Responsive is better than fast.",
          "Keep it logically awesome.",
          "Approachable is better than simple.");

  private final GitHubJson json;
  private final String apiBase;

  WebhookPayloads(HubStore store, String apiBase) {
    this.json = new GitHubJson(store, apiBase, apiBase);
    this.apiBase = apiBase;
  }

  /**
   * {@code issues} with {@code action}; {@code changes} and {@code label} when the action has them.
   */
  ObjectNode issues(
      RepoState repo,
      String action,
      StoredIssue issue,
      String sender,
      ObjectNode changes,
      String label) {
    ObjectNode payload = Json.object();
    payload.put("action", action);
    payload.set("issue", json.issue(repo, issue, false));
    if (changes != null) {
      payload.set("changes", changes);
    }
    if (label != null) {
      payload.set("label", json.label(repo, label));
    }
    payload.set("repository", repository(repo));
    payload.set("sender", json.user(sender));
    return payload;
  }

  /** {@code ping}, sent when a hook is created. */
  ObjectNode ping(RepoState repo, Hook hook, String sender) {
    ObjectNode payload = Json.object();
    payload.put("zen", ZEN.get((int) (hook.id() % ZEN.size())));
    payload.put("hook_id", hook.id());
    payload.set("hook", HookJson.hook(apiBase, hook));
    payload.set("repository", repository(repo));
    payload.set("sender", json.user(sender));
    return payload;
  }

  private ObjectNode repository(RepoState repo) {
    // What anyone may see: no "permissions" block.
    return json.repository(repo, new Principal.Anonymous("webhook"));
  }
}
