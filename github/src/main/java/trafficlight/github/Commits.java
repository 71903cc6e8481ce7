package trafficlight.github;

import java.util.regex.Pattern;

/**
 * The commits of a code repository: one commit, and a comparison of two. Answers about full SHAs
 * never change, so they are asked for once and kept for good (see {@link
 * GitHubRequests#remembered}).
 */
final class Commits {

  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final Pattern REF = Pattern.compile("[A-Za-z0-9._/-]+");

  private final GitHubRequests github;

  Commits(GitHubRequests github) {
    this.github = github;
  }

  CommitComparison compare(RepositoryName repo, String base, String head) {
    String path =
        repo.path() + "/compare/" + checkedRef(base, "base") + "..." + checkedRef(head, "head");
    return github.remembered(
        path,
        isFullSha(base) && isFullSha(head),
        CommitComparison.class,
        GitHubJson::comparison,
        GitHubJson::comparisonJson,
        e -> commitError(repo, e, base + " or " + head));
  }

  CommitSummary commit(RepositoryName repo, String ref) {
    return github.remembered(
        repo.path() + "/commits/" + checkedRef(ref, "ref"),
        isFullSha(ref),
        CommitSummary.class,
        GitHubJson::commitSummary,
        GitHubJson::commitJson,
        e -> commitError(repo, e, ref));
  }

  /**
   * The error to throw for a failed commit or compare request: GitHub's answers for an unknown
   * commit (422, 409 for an empty repository, or a 404 while the repository itself answers) become
   * a {@link CommitNotFoundException}; "no common ancestor" a {@link NoCommonAncestorException}.
   */
  private GitHubException commitError(RepositoryName repo, GitHubException e, String ref) {
    String githubMessage = e.githubMessage() == null ? "" : e.githubMessage();
    String request =
        e.getMessage().contains(":")
            ? e.getMessage().substring(0, e.getMessage().indexOf(':'))
            : "";
    if (e.status() == 404 && githubMessage.startsWith("No common ancestor")) {
      return new NoCommonAncestorException(
          request + ": " + githubMessage + " (" + repo + "): neither contains the other",
          githubMessage);
    }
    if (e instanceof RateLimitException) {
      return e;
    }
    boolean unknown = e.status() == 422 || e.status() == 409;
    if (e.status() == 404) {
      try {
        github.getJson(repo.path());
        unknown = true;
      } catch (GitHubException repositoryUnseen) {
        return unreadable(
            repo, e, request, "no repository " + repo + ", or the credentials cannot see it");
      }
    }
    if (e.status() == 403) {
      return unreadable(repo, e, request, "the credentials may not read the commits of " + repo);
    }
    if (!unknown) {
      return e;
    }
    return new CommitNotFoundException(
        e.status(),
        request
            + ": "
            + repo
            + " has no commit "
            + ref
            + " ("
            + e.status()
            + " "
            + githubMessage
            + "); check the SHA, or that it was pushed to "
            + repo,
        e.githubMessage(),
        ref);
  }

  private static GitHubException unreadable(
      RepositoryName repo, GitHubException e, String request, String what) {
    return new GitHubException(
        e.status(),
        request
            + ": "
            + e.status()
            + " "
            + e.githubMessage()
            + ": "
            + what
            + " (a token needs the repo scope for a private repository, a GitHub App Contents:"
            + " read on "
            + repo
            + ")",
        e.githubMessage());
  }

  private static boolean isFullSha(String ref) {
    return ref != null && FULL_SHA.matcher(ref).matches();
  }

  private static String checkedRef(String ref, String what) {
    if (ref == null || !REF.matcher(ref).matches() || ref.contains("..")) {
      throw new IllegalArgumentException(
          what
              + " must be a commit SHA, branch or tag (letters, digits, '.', '_', '-', '/'), got \""
              + ref
              + "\"");
    }
    return ref;
  }
}
