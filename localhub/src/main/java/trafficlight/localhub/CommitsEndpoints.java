package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * {@code GET /repos/{owner}/{repo}/commits/{ref}} and {@code GET
 * /repos/{owner}/{repo}/compare/{basehead}}, answered from the repository's git repository.
 *
 * <p>As on GitHub: an unknown ref is 422 "No commit found for SHA: REF" for a commit and 404 for a
 * comparison; histories without a common commit are 404 "No common ancestor between BASE and
 * HEAD."; a repository without code is 409 "Git Repository is empty." for a commit (404 for a
 * comparison). A comparison lists up to 250 commits, oldest first, or a page of them when the
 * request names {@code per_page} or {@code page}; its files (merge base to head) come with the
 * first page only.
 */
final class CommitsEndpoints {
  static final int UNPAGED_COMMITS = 250;
  private static final String COMMIT_DOCS =
      "https://docs.github.com/rest/commits/commits#get-a-commit";
  private static final String COMPARE_DOCS =
      "https://docs.github.com/rest/commits/commits#compare-two-commits";

  private final CodeRepositories code;

  CommitsEndpoints(CodeRepositories code) {
    this.code = code;
  }

  ApiResponse get(ApiCall call) {
    RepoState repo = call.repo(false, false);
    GitCodeRepository git =
        code.of(repo.repo)
            .orElseThrow(
                () ->
                    new ApiException(
                        GitHubErrors.error(409, "Git Repository is empty.", COMMIT_DOCS)));
    String ref = call.pathPart("ref");
    RevCommit commit =
        git.resolve(ref)
            .orElseThrow(
                () ->
                    new ApiException(
                        GitHubErrors.error(422, "No commit found for SHA: " + ref, COMMIT_DOCS)));
    return ApiResponse.json(200, new CommitJson(call, repo, git, code).commitWithFiles(commit));
  }

  ApiResponse compare(ApiCall call) {
    RepoState repo = call.repo(false, false);
    String basehead = call.pathPart("basehead");
    int dots = basehead.indexOf("...");
    if (dots <= 0 || dots + 3 >= basehead.length()) {
      throw new ApiException(GitHubErrors.notFound());
    }
    String baseRef = basehead.substring(0, dots);
    String headRef = basehead.substring(dots + 3);
    GitCodeRepository git =
        code.of(repo.repo).orElseThrow(() -> new ApiException(GitHubErrors.notFound()));
    RevCommit base =
        git.resolve(baseRef).orElseThrow(() -> new ApiException(GitHubErrors.notFound()));
    RevCommit head =
        git.resolve(headRef).orElseThrow(() -> new ApiException(GitHubErrors.notFound()));
    Optional<GitCodeRepository.Comparison> found = git.compare(base, head);
    if (found.isEmpty()) {
      throw new ApiException(
          GitHubErrors.error(
              404,
              "No common ancestor between " + baseRef + " and " + headRef + ".",
              COMPARE_DOCS));
    }
    GitCodeRepository.Comparison comparison = found.get();
    CommitJson json = new CommitJson(call, repo, git, code);
    ObjectNode n = json.comparisonFrame(basehead, base.name(), head.name());
    n.set("base_commit", json.commit(base));
    n.set("merge_base_commit", json.commit(comparison.mergeBase()));
    n.put("status", comparison.status());
    n.put("ahead_by", comparison.ahead().size());
    n.put("behind_by", comparison.behindBy());
    n.put("total_commits", comparison.ahead().size());
    boolean paged = call.request.param("per_page") != null || call.request.param("page") != null;
    Paging paging = paged ? Paging.of(call.request) : new Paging(UNPAGED_COMMITS, 1);
    List<RevCommit> listed = paging.slice(comparison.ahead());
    ArrayNode commits = n.putArray("commits");
    listed.forEach(c -> commits.add(json.commit(c)));
    if (paging.page() == 1) {
      n.set(
          "files",
          json.files(git.changes(comparison.mergeBase(), head, CommitJson.MAX_FILES), head.name()));
    }
    ApiResponse response = ApiResponse.json(200, n);
    if (paged) {
      String link =
          paging.linkHeader(
              call.request.apiBase() + call.request.path(),
              call.request.rawQuery(),
              comparison.ahead().size());
      if (link != null) {
        response.header("link", link);
      }
    }
    return response;
  }
}
