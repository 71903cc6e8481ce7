package trafficlight.localhub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pull requests of every repository, in memory (not journaled, like deployments: a hub
 * restarted on a data directory keeps their issues but not their commits).
 */
final class PullRequestStore {
  private final Map<String, StoredPullRequest> pulls = new LinkedHashMap<>();

  synchronized void add(StoredPullRequest pull) {
    pulls.put(key(pull.repoId(), pull.number()), pull);
  }

  synchronized Optional<StoredPullRequest> get(Repo repo, int number) {
    return Optional.ofNullable(pulls.get(key(repo.id(), number)));
  }

  /** The pull requests of a repository that introduce {@code sha}, oldest first. */
  synchronized List<StoredPullRequest> introducing(Repo repo, String sha) {
    List<StoredPullRequest> found = new ArrayList<>();
    for (StoredPullRequest pull : pulls.values()) {
      if (pull.repoId() == repo.id() && pull.introduces(sha)) {
        found.add(pull);
      }
    }
    return found;
  }

  private static String key(long repoId, int number) {
    return repoId + "#" + number;
  }
}
