package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A pull request in GitHub's shapes: {@code pull-request-simple} (lists) and {@code pull-request}
 * (one), built on the fields its issue shares with them.
 */
final class PullRequestJson {
  private final ApiCall call;
  private final RepoState repo;

  PullRequestJson(ApiCall call, RepoState repo) {
    this.call = call;
    this.repo = repo;
  }

  /** The {@code pull-request-simple} shape. */
  ObjectNode simple(StoredIssue issue, StoredPullRequest pull) {
    ObjectNode asIssue = call.render.issue(repo, issue, false);
    String repoUrl = call.render.repoApiUrl(repo.repo);
    String url = repoUrl + "/pulls/" + issue.number();
    String issueUrl = repoUrl + "/issues/" + issue.number();
    String html = asIssue.get("html_url").asText();
    ObjectNode n = Json.object();
    n.put("url", url);
    n.put("id", issue.id());
    n.put("node_id", ResponseRenderer.nodeId("PR", issue.id()));
    n.put("html_url", html);
    n.put("diff_url", html + ".diff");
    n.put("patch_url", html + ".patch");
    n.put("issue_url", issueUrl);
    n.put("commits_url", url + "/commits");
    n.put("review_comments_url", url + "/comments");
    n.put("review_comment_url", repoUrl + "/pulls/comments{/number}");
    n.put("comments_url", issueUrl + "/comments");
    n.put("statuses_url", repoUrl + "/statuses/" + pull.headSha());
    n.put("number", issue.number());
    n.put("state", issue.state());
    n.put("locked", false);
    n.put("title", issue.title());
    n.set("user", asIssue.get("user"));
    n.put("body", issue.body());
    n.set("labels", asIssue.get("labels"));
    n.putNull("milestone");
    n.put("active_lock_reason", (String) null);
    n.put("created_at", Json.timestamp(issue.createdAt()));
    n.put("updated_at", Json.timestamp(issue.updatedAt()));
    n.put("closed_at", Json.timestamp(issue.closedAt()));
    n.put("merged_at", Json.timestamp(pull.mergedAt()));
    n.put("merge_commit_sha", pull.mergeCommitSha());
    n.set("assignee", asIssue.get("assignee"));
    n.set("assignees", asIssue.get("assignees"));
    n.putArray("requested_reviewers");
    n.putArray("requested_teams");
    n.set("head", ref(issue, "change-" + issue.number(), pull.headSha()));
    n.set("base", ref(issue, "main", pull.merged() ? pull.mergeCommitSha() : pull.headSha()));
    ObjectNode links = n.putObject("_links");
    link(links, "self", url);
    link(links, "html", html);
    link(links, "issue", issueUrl);
    link(links, "comments", issueUrl + "/comments");
    link(links, "review_comments", url + "/comments");
    link(links, "review_comment", repoUrl + "/pulls/comments{/number}");
    link(links, "commits", url + "/commits");
    link(links, "statuses", repoUrl + "/statuses/" + pull.headSha());
    n.set("author_association", asIssue.get("author_association"));
    n.putNull("auto_merge");
    n.put("draft", false);
    return n;
  }

  /** The {@code pull-request} shape of {@code GET .../pulls/{number}}. */
  ObjectNode full(StoredIssue issue, StoredPullRequest pull) {
    ObjectNode n = simple(issue, pull);
    n.put("merged", pull.merged());
    if (pull.merged()) {
      n.putNull("mergeable");
    } else {
      n.put("mergeable", true);
    }
    n.putNull("rebaseable");
    n.put("mergeable_state", pull.merged() ? "unknown" : "clean");
    if (pull.mergedBy() == null) {
      n.putNull("merged_by");
    } else {
      n.set("merged_by", call.render.user(pull.mergedBy()));
    }
    n.put("comments", issue.commentCount());
    n.put("review_comments", 0);
    n.put("maintainer_can_modify", false);
    n.put("commits", 1);
    n.put("additions", 0);
    n.put("deletions", 0);
    n.put("changed_files", 0);
    return n;
  }

  private ObjectNode ref(StoredIssue issue, String branch, String sha) {
    ObjectNode n = Json.object();
    n.put("label", repo.repo.owner() + ":" + branch);
    n.put("ref", branch);
    n.put("sha", sha);
    n.set("user", call.render.user(repo.repo.owner()));
    n.set("repo", call.render.repository(repo, call.principal));
    return n;
  }

  private static void link(ObjectNode links, String name, String href) {
    links.putObject(name).put("href", href);
  }
}
