package trafficlight.localhub;

import java.util.List;

/** An App installed on some repositories ("owner/name"). */
record Installation(long id, long appId, List<String> repos) {
  Installation {
    repos = List.copyOf(repos);
  }

  boolean covers(String fullName) {
    return repos.stream().anyMatch(r -> r.equalsIgnoreCase(fullName));
  }
}
