package trafficlight.board;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.github.PullRequest;
import trafficlight.github.PullRequests;
import trafficlight.github.RepositoryName;

/**
 * "Where is my change?" asked by pull request, {@code acme/myapp#12}: the pull request's merge
 * commit is what deploys carry, so the answer is {@link Where}'s for that commit. Anything else is
 * a commit, asked as is.
 */
public final class PullRequestQuery {

  private static final Pattern REFERENCE =
      Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+)#(\\d+)");

  private PullRequestQuery() {}

  /** A pull request named as {@code owner/name#number}. */
  public record Reference(RepositoryName repository, long number) {
    @Override
    public String toString() {
      return repository + "#" + number;
    }
  }

  /** The pull request {@code query} names, or empty when it names none (a commit, say). */
  public static Optional<Reference> parse(String query) {
    Matcher m = REFERENCE.matcher(query == null ? "" : query.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Reference(RepositoryName.parse(m.group(1)), Long.parseLong(m.group(2))));
  }

  /**
   * Where the commit or the pull request's merge commit is.
   *
   * @throws IllegalArgumentException for a malformed query, an ambiguous prefix, an unknown pull
   *     request or one that was not merged (no deploy carries its change)
   */
  public static Where.Answer find(
      Board board, String query, Ancestry ancestry, GitHubClient github) {
    Optional<Reference> reference = parse(query);
    if (reference.isEmpty()) {
      return Where.find(board, query, ancestry);
    }
    String merged = mergeCommit(github, reference.get());
    Where.Answer answer = Where.find(board, merged, ancestry);
    return new Where.Answer(
        reference.get().toString(),
        answer.commits(),
        answer.subject(),
        answer.codeRepository(),
        answer.note(),
        answer.stages());
  }

  /** The commit the pull request's merge made. */
  static String mergeCommit(GitHubClient github, Reference reference) {
    PullRequest pull;
    try {
      pull = new PullRequests(github).get(reference.repository(), reference.number());
    } catch (GitHubException e) {
      if (e.status() == 404) {
        throw new IllegalArgumentException(
            "no pull request "
                + reference
                + " (or the credentials cannot see "
                + reference.repository()
                + "); name one as owner/name#number");
      }
      throw e;
    }
    if (pull.merged() && pull.mergeCommitSha() != null) {
      return pull.mergeCommitSha();
    }
    throw new IllegalArgumentException(
        "pull request "
            + reference
            + (pull.abandoned()
                ? " was closed without being merged: no deploy carries its change"
                : " is open: deploys carry its change once it is merged (then ask again)"));
  }
}
