package trafficlight.localhub;

/** Told by the {@link HubStore} of each issue it opens or changes, while it holds its lock. */
@FunctionalInterface
interface IssueListener {
  IssueListener NONE = (repo, before, after, actor) -> {};

  /**
   * @param before the issue before the change, or null when it was just opened
   * @param after the issue as stored now
   * @param actor the login that made the change, or null when the caller did not say
   */
  void changed(RepoState repo, StoredIssue before, StoredIssue after, String actor);
}
