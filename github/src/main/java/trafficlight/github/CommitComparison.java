package trafficlight.github;

import java.util.List;

/**
 * GitHub's comparison of two commits ({@code GET /repos/{o}/{r}/compare/{base}...{head}}).
 *
 * @param status {@code identical}, {@code ahead} (head descends from base), {@code behind} (base
 *     descends from head) or {@code diverged}
 * @param aheadBy how many commits head has that base has not
 * @param behindBy how many commits base has that head has not
 * @param totalCommits how many commits the comparison lists in all (the commits head adds)
 * @param mergeBaseSha the best common ancestor
 * @param commits the commits head adds, oldest first: as many as one response lists (up to 250 on
 *     GitHub), so fewer than {@code totalCommits} for a long range
 * @param htmlUrl the comparison on GitHub's web pages
 */
public record CommitComparison(
    String status,
    int aheadBy,
    int behindBy,
    int totalCommits,
    String mergeBaseSha,
    List<CommitSummary> commits,
    String htmlUrl) {

  public CommitComparison {
    commits = List.copyOf(commits);
  }

  /** Whether head contains base: base is head, or one of its ancestors. */
  public boolean contains() {
    return "ahead".equals(status) || "identical".equals(status);
  }
}
