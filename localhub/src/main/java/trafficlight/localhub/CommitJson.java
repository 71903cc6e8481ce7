package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Renders commits of a code repository in GitHub's shapes: {@code commit} (with {@code stats} and
 * {@code files} for a single commit), {@code diff-entry} and {@code commit-comparison}.
 */
final class CommitJson {
  /** GitHub lists at most this many files for a commit or a comparison. */
  static final int MAX_FILES = 300;

  private final ApiCall call;
  private final RepoState repo;
  private final GitCodeRepository git;
  private final CodeRepositories code;
  private final String repoUrl;
  private final String htmlRepoUrl;

  CommitJson(ApiCall call, RepoState repo, GitCodeRepository git, CodeRepositories code) {
    this.call = call;
    this.repo = repo;
    this.git = git;
    this.code = code;
    this.repoUrl = call.request.apiBase() + "/repos/" + repo.repo.fullName();
    this.htmlRepoUrl = call.request.webBase() + "/" + repo.repo.fullName();
  }

  /** A commit as in a comparison's list: no stats, no files. */
  ObjectNode commit(RevCommit commit) {
    String sha = commit.name();
    ObjectNode n = Json.object();
    n.put("url", repoUrl + "/commits/" + sha);
    n.put("sha", sha);
    n.put("node_id", nodeId(sha));
    n.put("html_url", htmlRepoUrl + "/commit/" + sha);
    n.put("comments_url", repoUrl + "/commits/" + sha + "/comments");
    ObjectNode inner = n.putObject("commit");
    inner.put("url", repoUrl + "/git/commits/" + sha);
    inner.set("author", gitUser(commit.getAuthorIdent()));
    inner.set("committer", gitUser(commit.getCommitterIdent()));
    inner.put("message", commit.getFullMessage().stripTrailing());
    ObjectNode tree = inner.putObject("tree");
    tree.put("sha", commit.getTree().name());
    tree.put("url", repoUrl + "/git/trees/" + commit.getTree().name());
    inner.put("comment_count", 0);
    ObjectNode verification = inner.putObject("verification");
    verification.put("verified", false);
    verification.put("reason", "unsigned");
    verification.putNull("signature");
    verification.putNull("payload");
    verification.putNull("verified_at");
    user(n, "author", commit.getAuthorIdent());
    user(n, "committer", commit.getCommitterIdent());
    ArrayNode parents = n.putArray("parents");
    for (RevCommit parent : commit.getParents()) {
      ObjectNode p = parents.addObject();
      p.put("sha", parent.name());
      p.put("url", repoUrl + "/commits/" + parent.name());
      p.put("html_url", htmlRepoUrl + "/commit/" + parent.name());
    }
    return n;
  }

  /** A commit alone ({@code GET .../commits/{ref}}): with its stats and changed files. */
  ObjectNode commitWithFiles(RevCommit commit) {
    ObjectNode n = commit(commit);
    List<RevCommit> parents = git.parents(commit);
    List<GitCodeRepository.FileChange> changes =
        git.changes(parents.isEmpty() ? null : parents.get(0), commit, MAX_FILES);
    int additions = changes.stream().mapToInt(GitCodeRepository.FileChange::additions).sum();
    int deletions = changes.stream().mapToInt(GitCodeRepository.FileChange::deletions).sum();
    ObjectNode stats = n.putObject("stats");
    stats.put("total", additions + deletions);
    stats.put("additions", additions);
    stats.put("deletions", deletions);
    n.set("files", files(changes, commit.name()));
    return n;
  }

  ArrayNode files(List<GitCodeRepository.FileChange> changes, String sha) {
    ArrayNode files = Json.MAPPER.createArrayNode();
    for (GitCodeRepository.FileChange change : changes) {
      ObjectNode f = files.addObject();
      f.put("sha", change.sha());
      f.put("filename", change.filename());
      f.put("status", change.status());
      f.put("additions", change.additions());
      f.put("deletions", change.deletions());
      f.put("changes", change.additions() + change.deletions());
      String path = encodePath(change.filename());
      f.put("blob_url", htmlRepoUrl + "/blob/" + sha + "/" + path);
      f.put("raw_url", htmlRepoUrl + "/raw/" + sha + "/" + path);
      f.put("contents_url", repoUrl + "/contents/" + path + "?ref=" + sha);
      if (change.previousFilename() != null) {
        f.put("previous_filename", change.previousFilename());
      }
    }
    return files;
  }

  /** The URLs of a comparison, spelled with {@code basehead} as the request gave it. */
  ObjectNode comparisonFrame(String basehead, String baseSha, String headSha) {
    ObjectNode n = Json.object();
    String owner = repo.repo.owner();
    n.put("url", repoUrl + "/compare/" + basehead);
    n.put("html_url", htmlRepoUrl + "/compare/" + basehead);
    n.put(
        "permalink_url",
        htmlRepoUrl
            + "/compare/"
            + owner
            + ":"
            + baseSha.substring(0, 7)
            + "..."
            + owner
            + ":"
            + headSha.substring(0, 7));
    n.put("diff_url", htmlRepoUrl + "/compare/" + basehead + ".diff");
    n.put("patch_url", htmlRepoUrl + "/compare/" + basehead + ".patch");
    return n;
  }

  private ObjectNode gitUser(PersonIdent person) {
    ObjectNode u = Json.object();
    u.put("name", person.getName());
    u.put("email", person.getEmailAddress());
    u.put("date", Json.timestamp(person.getWhenAsInstant()));
    return u;
  }

  private void user(ObjectNode parent, String field, PersonIdent person) {
    String login = code.login(person);
    if (login == null) {
      parent.putNull(field);
    } else {
      parent.set(field, call.render.user(login));
    }
  }

  private static String nodeId(String sha) {
    return "C_"
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(("localhub:commit:" + sha).getBytes(StandardCharsets.UTF_8));
  }

  private static String encodePath(String path) {
    StringBuilder encoded = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (encoded.length() > 0) {
        encoded.append('/');
      }
      encoded.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return encoded.toString();
  }
}
