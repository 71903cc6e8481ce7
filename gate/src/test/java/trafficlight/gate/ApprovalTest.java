package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalTest {

  private static final String SHA = "1a2b3c4d5e6f70819293a4b5c6d7e8f901234567";

  @Test
  void whatItWritesItReadsBack() {
    DeployRecord qa =
        new DeployRecord(
            new DeployRecord.Change(SHA, "Fix the cart total", null, null),
            new DeployRecord.Build("12", "deploy-qa", "myapp", "https://ci.example.com/b/12"),
            "Production",
            null,
            null);
    Approval approval =
        Approval.of(
            12,
            "https://github.com/acme/gates/issues/12",
            qa,
            "alice",
            Instant.parse("2026-11-26T09:15:02Z"));
    assertThat(Approval.fromJson(approval.toJson())).contains(approval);
    assertThat(approval.toJson())
        .containsEntry("commit", SHA)
        .containsEntry("build", "12")
        .containsEntry("job", "deploy-qa")
        .containsEntry("closed_at", "2026-11-26T09:15:02Z");
  }

  @Test
  void withoutARecordEveryBuildFieldIsThereAndNull() {
    Approval approval = Approval.of(3, null, null, null, null);
    assertThat(approval.pinsCommit()).isFalse();
    assertThat(approval.toJson())
        .containsKeys("commit", "subject", "build", "job", "build_url", "closed_by", "closed_at")
        .containsEntry("commit", null);
    assertThat(Approval.fromJson(approval.toJson())).contains(approval);
  }

  @Test
  void somethingElseIsNoApproval() {
    assertThat(Approval.fromJson(Map.of("commit", SHA))).isEmpty();
    assertThat(Approval.fromJson("text")).isEmpty();
    assertThat(Approval.fromJson(null)).isEmpty();
  }
}
