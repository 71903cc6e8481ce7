package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * {@code GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls} and {@code GET
 * /repos/{owner}/{repo}/pulls/{pull_number}}.
 *
 * <p>As on GitHub: a commit's pull requests are those that merged it (their merge commit) or
 * propose it (their head), an empty list for a commit no pull request introduced, 422 "No commit
 * found for SHA: REF" for a ref the repository does not know; an issue's number, or one nothing
 * has, is 404 for a pull request.
 */
record PullRequestsEndpoints(CodeRepositories code, PullRequestStore pulls) {
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");
  private static final String LIST_DOCS =
      "https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit";

  ApiResponse forCommit(ApiCall call) {
    RepoState repo = call.repo(false, false);
    String ref = call.pathPart("sha");
    String sha = resolve(repo, ref);
    PullRequestJson json = new PullRequestJson(call, repo);
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (StoredPullRequest pull : pulls.introducing(repo.repo, sha)) {
      StoredIssue issue = repo.issues.get(pull.number());
      if (issue != null) {
        out.add(json.simple(issue, pull));
      }
    }
    return ApiResponse.json(200, out);
  }

  ApiResponse get(ApiCall call) {
    RepoState repo = call.repo(false, false);
    int number = call.issueNumber();
    StoredPullRequest pull =
        pulls.get(repo.repo, number).orElseThrow(() -> new ApiException(GitHubErrors.notFound()));
    StoredIssue issue = call.issue(repo);
    return ApiResponse.json(200, new PullRequestJson(call, repo).full(issue, pull));
  }

  /** The full SHA {@code ref} names in the repository's code, else 422 as GitHub answers. */
  private String resolve(RepoState repo, String ref) {
    String sha =
        code.of(repo.repo)
            .flatMap(git -> git.resolve(ref))
            .map(RevCommit::name)
            .orElse(FULL_SHA.matcher(ref).matches() ? ref.toLowerCase(Locale.ROOT) : null);
    if (sha == null) {
      throw new ApiException(GitHubErrors.error(422, "No commit found for SHA: " + ref, LIST_DOCS));
    }
    return sha;
  }
}
