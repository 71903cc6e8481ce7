package trafficlight.localhub;

import java.time.Instant;

/**
 * What a pull request adds to the issue that carries its number, title, author and comments: the
 * commit it proposes and, once merged, the commit the merge made on the default branch.
 *
 * @param headSha the full SHA of the pull request's head
 * @param mergeCommitSha the full SHA its merge made (a merge, squash or rebase commit), or null
 *     while it is open
 * @param mergedAt when it was merged, or null
 * @param mergedBy who merged it, or null
 */
record StoredPullRequest(
    long repoId,
    int number,
    String headSha,
    String mergeCommitSha,
    Instant mergedAt,
    String mergedBy) {

  boolean merged() {
    return mergeCommitSha != null;
  }

  /** Whether GitHub would list this pull request for the commit {@code sha}. */
  boolean introduces(String sha) {
    return sha.equals(mergeCommitSha) || sha.equals(headSha);
  }
}
