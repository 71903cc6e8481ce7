package trafficlight.localhub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deployments of every repository and their statuses, in memory (not journaled: a hub restarted
 * on a data directory starts without deployments). Callers hold the store's lock.
 */
final class DeploymentStore {
  private final Map<Long, StoredDeployment> deployments = new LinkedHashMap<>();
  private final Map<Long, List<StoredDeploymentStatus>> statuses = new LinkedHashMap<>();

  synchronized void add(StoredDeployment deployment) {
    deployments.put(deployment.id(), deployment);
  }

  synchronized Optional<StoredDeployment> get(Repo repo, long id) {
    return Optional.ofNullable(deployments.get(id)).filter(d -> d.repoId() == repo.id());
  }

  /** The deployments of a repository, newest first, as GitHub lists them. */
  synchronized List<StoredDeployment> of(Repo repo) {
    List<StoredDeployment> list = new ArrayList<>();
    for (StoredDeployment d : deployments.values()) {
      if (d.repoId() == repo.id()) {
        list.add(0, d);
      }
    }
    return list;
  }

  synchronized void addStatus(StoredDeploymentStatus status) {
    statuses.computeIfAbsent(status.deploymentId(), id -> new ArrayList<>()).add(status);
  }

  /** The statuses of a deployment, newest first. */
  synchronized List<StoredDeploymentStatus> statusesOf(long deploymentId) {
    List<StoredDeploymentStatus> list =
        new ArrayList<>(statuses.getOrDefault(deploymentId, List.of()));
    Collections.reverse(list);
    return list;
  }

  /** The newest status of a deployment, or empty when it has none. */
  synchronized Optional<StoredDeploymentStatus> latestStatus(long deploymentId) {
    List<StoredDeploymentStatus> list = statuses.getOrDefault(deploymentId, List.of());
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
  }
}
