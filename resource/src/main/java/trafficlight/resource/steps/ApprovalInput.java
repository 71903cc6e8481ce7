package trafficlight.resource.steps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import trafficlight.gate.Approval;
import trafficlight.gate.ResourceInterface.InFile;
import trafficlight.gate.ResourceInterface.PutParam;
import trafficlight.json.Json;

/**
 * Reads the put param {@code approval}: the directory of the trigger resource's get (e.g. {@code
 * qa-promoted}), whose {@code gh_issue.json} says in {@code approved} which close this deploy came
 * from; the put records it in the new issue's deploy record ("promoted from #12, approved by
 * alice").
 */
final class ApprovalInput {

  private ApprovalInput() {}

  static Approval read(Path sources, String approvalDir) {
    Path dir = InsideSources.resolve(sources, PutParam.APPROVAL, approvalDir, "qa-promoted");
    Path file = dir.resolve(InFile.GH_ISSUE.fileName());
    if (!Files.isRegularFile(file)) {
      throw InsideSources.problem(
          PutParam.APPROVAL,
          approvalDir,
          " has no gh_issue.json: name the directory of the get of the trigger resource"
              + " (issue_state: closed) this job triggers on, e.g. approval: qa-promoted");
    }
    Object approved;
    try {
      Map<String, Object> ghIssue =
          Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
      approved = ghIssue.get("approved");
    } catch (IOException | RuntimeException e) {
      throw InsideSources.problem(
          PutParam.APPROVAL, approvalDir, ": gh_issue.json is not JSON (" + e + ")");
    }
    return Approval.fromJson(approved)
        .orElseThrow(
            () ->
                InsideSources.problem(
                    PutParam.APPROVAL,
                    approvalDir,
                    ": its gh_issue.json says no approval (no \"approved\"): it must be the get of"
                        + " a trigger resource (issue_state: closed) of this resource type, not of"
                        + " a put resource or of mitodl's"));
  }
}
