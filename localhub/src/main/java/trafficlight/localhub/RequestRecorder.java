package trafficlight.localhub;

import java.util.ArrayList;
import java.util.List;

/** The requests the hub's GitHub API received, in order. */
final class RequestRecorder {
  private final List<RecordedRequest> requests = new ArrayList<>();

  synchronized void record(RecordedRequest request) {
    requests.add(request);
  }

  synchronized List<RecordedRequest> all() {
    return List.copyOf(requests);
  }

  synchronized int count(String operation) {
    return (int) requests.stream().filter(r -> operation.equals(r.operation())).count();
  }

  synchronized void clear() {
    requests.clear();
  }
}
