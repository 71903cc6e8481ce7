package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Renders the hub's state in the JSON shapes of GitHub's REST API (the schemas {@code simple-user},
 * {@code label}, {@code issue}, {@code issue-comment}, {@code full-repository}, {@code
 * issue-search-result-item}), with URLs under the base the client used.
 */
final class ResponseRenderer {
  private final HubStore store;
  private final String apiBase;
  private final String webBase;

  ResponseRenderer(HubStore store, String apiBase, String webBase) {
    this.store = store;
    this.apiBase = apiBase;
    this.webBase = webBase;
  }

  static String nodeId(String prefix, long id) {
    return prefix
        + "_"
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(("localhub:" + id).getBytes(StandardCharsets.UTF_8));
  }

  ObjectNode user(String login) {
    User user = store.user(login).orElseGet(() -> store.ensureUser(login, "User"));
    ObjectNode n = Json.object();
    // a bot's login ends in "[bot]", which a URI spells %5Bbot%5D, as GitHub does
    String path = encodePath(user.login());
    String url = apiBase + "/users/" + path;
    n.put("login", user.login());
    n.put("id", user.id());
    n.put("node_id", nodeId(user.type().equals("Bot") ? "BOT" : "U", user.id()));
    n.put("avatar_url", webBase + "/avatars/u/" + user.id() + "?v=4");
    n.put("gravatar_id", "");
    n.put("url", url);
    n.put("html_url", webBase + "/" + path);
    Json.putUrls(
        n,
        url,
        "followers",
        "following{/other_user}",
        "gists{/gist_id}",
        "starred{/owner}{/repo}",
        "subscriptions");
    n.put("organizations_url", url + "/orgs");
    Json.putUrls(n, url, "repos", "events{/privacy}", "received_events");
    n.put("type", user.type());
    n.put("user_view_type", "public");
    n.put("site_admin", false);
    return n;
  }

  private ObjectNode userOrNull(ObjectNode parent, String field, String login) {
    if (login == null) {
      parent.putNull(field);
    } else {
      parent.set(field, user(login));
    }
    return parent;
  }

  String repoApiUrl(Repo repo) {
    return apiBase + "/repos/" + repo.fullName();
  }

  ObjectNode label(RepoState repo, String name) {
    StoredLabel label = repo.label(name);
    ObjectNode n = Json.object();
    n.put("id", label.id());
    n.put("node_id", nodeId("LA", label.id()));
    n.put("url", repoApiUrl(repo.repo) + "/labels/" + encodePath(label.name()));
    n.put("name", label.name());
    n.put("color", label.color());
    n.put("default", false);
    n.putNull("description");
    return n;
  }

  private static String encodePath(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private String authorAssociation(RepoState repo, String login) {
    return store.authorAssociation(repo, login);
  }

  /** An issue as in lists ({@code withClosedBy} false) or alone (true, as GitHub does). */
  ObjectNode issue(RepoState repo, StoredIssue issue, boolean withClosedBy) {
    ObjectNode n = Json.object();
    String repoUrl = repoApiUrl(repo.repo);
    String url = repoUrl + "/issues/" + issue.number();
    String htmlKind = issue.pullRequest() ? "/pull/" : "/issues/";
    n.put("url", url);
    n.put("repository_url", repoUrl);
    n.put("labels_url", url + "/labels{/name}");
    n.put("comments_url", url + "/comments");
    n.put("events_url", url + "/events");
    n.put("html_url", webBase + "/" + repo.repo.fullName() + htmlKind + issue.number());
    n.put("id", issue.id());
    n.put("node_id", nodeId(issue.pullRequest() ? "PR" : "I", issue.id()));
    n.put("number", issue.number());
    n.put("title", issue.title());
    userOrNull(n, "user", issue.author());
    ArrayNode labels = n.putArray("labels");
    issue.labels().forEach(l -> labels.add(label(repo, l)));
    n.put("state", issue.state());
    n.put("locked", false);
    userOrNull(n, "assignee", issue.assignees().isEmpty() ? null : issue.assignees().get(0));
    ArrayNode assignees = n.putArray("assignees");
    issue.assignees().forEach(a -> assignees.add(user(a)));
    n.putNull("milestone");
    n.put("comments", issue.commentCount());
    n.put("created_at", Json.timestamp(issue.createdAt()));
    n.put("updated_at", Json.timestamp(issue.updatedAt()));
    n.put("closed_at", Json.timestamp(issue.closedAt()));
    n.put("author_association", authorAssociation(repo, issue.author()));
    n.putNull("active_lock_reason");
    if (issue.pullRequest()) {
      n.put("draft", false);
      ObjectNode pr = n.putObject("pull_request");
      pr.put("url", repoUrl + "/pulls/" + issue.number());
      pr.put("html_url", webBase + "/" + repo.repo.fullName() + "/pull/" + issue.number());
      pr.put(
          "diff_url", webBase + "/" + repo.repo.fullName() + "/pull/" + issue.number() + ".diff");
      pr.put(
          "patch_url", webBase + "/" + repo.repo.fullName() + "/pull/" + issue.number() + ".patch");
      pr.putNull("merged_at");
    }
    n.put("body", issue.body());
    if (withClosedBy) {
      userOrNull(n, "closed_by", issue.closedBy());
    }
    n.set("reactions", reactions(url));
    n.put("timeline_url", url + "/timeline");
    n.putNull("performed_via_github_app");
    n.put("state_reason", issue.stateReason());
    return n;
  }

  private static ObjectNode reactions(String url) {
    ObjectNode r = Json.object();
    r.put("url", url + "/reactions");
    for (String k :
        List.of(
            "total_count", "+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes")) {
      r.put(k, 0);
    }
    return r;
  }

  /** A search result item: an issue plus {@code score}; a null body is left out (schema). */
  ObjectNode searchItem(RepoState repo, StoredIssue issue) {
    ObjectNode n = issue(repo, issue, false);
    if (issue.body() == null) {
      n.remove("body");
    }
    n.put("score", 1.0);
    return n;
  }

  ObjectNode comment(RepoState repo, StoredComment comment) {
    ObjectNode n = Json.object();
    String repoUrl = repoApiUrl(repo.repo);
    n.put("url", repoUrl + "/issues/comments/" + comment.id());
    n.put(
        "html_url",
        webBase
            + "/"
            + repo.repo.fullName()
            + "/issues/"
            + comment.issueNumber()
            + "#issuecomment-"
            + comment.id());
    n.put("issue_url", repoUrl + "/issues/" + comment.issueNumber());
    n.put("id", comment.id());
    n.put("node_id", nodeId("IC", comment.id()));
    n.set("user", user(comment.user()));
    n.put("created_at", Json.timestamp(comment.createdAt()));
    n.put("updated_at", Json.timestamp(comment.updatedAt()));
    n.put("author_association", authorAssociation(repo, comment.user()));
    n.put("body", comment.body());
    n.set("reactions", reactions(repoUrl + "/issues/comments/" + comment.id()));
    n.putNull("performed_via_github_app");
    return n;
  }

  /** The {@code full-repository} shape of {@code GET /repos/{owner}/{repo}}. */
  ObjectNode repository(RepoState state, Principal principal) {
    Repo repo = state.repo;
    String url = repoApiUrl(repo);
    String html = webBase + "/" + repo.fullName();
    String created = Json.timestamp(repo.createdAt());
    ObjectNode n = Json.object();
    n.put("id", repo.id());
    n.put("node_id", nodeId("R", repo.id()));
    n.put("name", repo.name());
    n.put("full_name", repo.fullName());
    n.put("private", repo.isPrivate());
    n.set("owner", user(repo.owner()));
    n.put("html_url", html);
    n.putNull("description");
    n.put("fork", false);
    n.put("url", url);
    String[][] templates = {
      {"forks_url", "/forks"},
      {"keys_url", "/keys{/key_id}"},
      {"collaborators_url", "/collaborators{/collaborator}"},
      {"teams_url", "/teams"},
      {"hooks_url", "/hooks"},
      {"issue_events_url", "/issues/events{/number}"},
      {"events_url", "/events"},
      {"assignees_url", "/assignees{/user}"},
      {"branches_url", "/branches{/branch}"},
      {"tags_url", "/tags"},
      {"blobs_url", "/git/blobs{/sha}"},
      {"git_tags_url", "/git/tags{/sha}"},
      {"git_refs_url", "/git/refs{/sha}"},
      {"trees_url", "/git/trees{/sha}"},
      {"statuses_url", "/statuses/{sha}"},
      {"languages_url", "/languages"},
      {"stargazers_url", "/stargazers"},
      {"contributors_url", "/contributors"},
      {"subscribers_url", "/subscribers"},
      {"subscription_url", "/subscription"},
      {"commits_url", "/commits{/sha}"},
      {"git_commits_url", "/git/commits{/sha}"},
      {"comments_url", "/comments{/number}"},
      {"issue_comment_url", "/issues/comments{/number}"},
      {"contents_url", "/contents/{+path}"},
      {"compare_url", "/compare/{base}...{head}"},
      {"merges_url", "/merges"},
      {"archive_url", "/{archive_format}{/ref}"},
      {"downloads_url", "/downloads"},
      {"issues_url", "/issues{/number}"},
      {"pulls_url", "/pulls{/number}"},
      {"milestones_url", "/milestones{/number}"},
      {"notifications_url", "/notifications{?since,all,participating}"},
      {"labels_url", "/labels{/name}"},
      {"releases_url", "/releases{/id}"},
      {"deployments_url", "/deployments"}
    };
    for (String[] t : templates) {
      n.put(t[0], url + t[1]);
    }
    n.put("created_at", created);
    n.put("updated_at", created);
    n.put("pushed_at", created);
    n.put(
        "git_url",
        "git://" + webBase.replaceFirst("^https?://", "") + "/" + repo.fullName() + ".git");
    n.put(
        "ssh_url",
        "git@"
            + webBase.replaceFirst("^https?://", "").replaceFirst(":\\d+$", "")
            + ":"
            + repo.fullName()
            + ".git");
    n.put("clone_url", html + ".git");
    n.put("svn_url", html);
    n.putNull("homepage");
    n.put("size", 0);
    n.put("stargazers_count", 0);
    n.put("watchers_count", 0);
    n.putNull("language");
    n.put("has_issues", repo.hasIssues());
    n.put("has_projects", true);
    n.put("has_downloads", true);
    n.put("has_wiki", true);
    n.put("has_pages", false);
    n.put("has_discussions", false);
    n.put("forks_count", 0);
    n.putNull("mirror_url");
    n.put("archived", false);
    n.put("disabled", false);
    long open = state.openIssueCount();
    n.put("open_issues_count", open);
    n.putNull("license");
    n.put("allow_forking", true);
    n.put("is_template", false);
    n.put("web_commit_signoff_required", false);
    n.putArray("topics");
    n.put("visibility", repo.isPrivate() ? "private" : "public");
    n.put("forks", 0);
    n.put("open_issues", open);
    n.put("watchers", 0);
    n.put("default_branch", "main");
    if (!(principal instanceof Principal.Anonymous)) {
      ObjectNode permissions = n.putObject("permissions");
      boolean write = principal.canWrite(repo);
      permissions.put("admin", false);
      permissions.put("maintain", false);
      permissions.put("push", write);
      permissions.put("triage", write);
      permissions.put("pull", true);
    }
    n.put("network_count", 0);
    n.put("subscribers_count", 0);
    return n;
  }
}
