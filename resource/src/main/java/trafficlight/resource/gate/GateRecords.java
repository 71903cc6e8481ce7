package trafficlight.resource.gate;

import java.util.ArrayList;
import java.util.List;
import trafficlight.gate.DeployRecord;
import trafficlight.github.Comment;
import trafficlight.github.Issue;

/** The deploy records of a gate issue, in the order its builds were recorded. */
final class GateRecords {

  private GateRecords() {}

  /**
   * Its body's records, then each comment's in the order given (GitHub lists comments oldest
   * first).
   */
  static List<DeployRecord> of(Issue issue, List<Comment> comments) {
    List<DeployRecord> records = new ArrayList<>(DeployRecord.readAll(issue.body()));
    for (Comment comment : comments) {
      records.addAll(DeployRecord.readAll(comment.body()));
    }
    return records;
  }
}
