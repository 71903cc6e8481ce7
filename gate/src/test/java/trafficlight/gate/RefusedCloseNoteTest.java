package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefusedCloseNoteTest {

  static final Instant CLOSED = Instant.parse("2026-11-26T09:15:02Z");
  static final String REASON =
      "closed by bob, who may not promote to Production (approvers: @acme/release)";

  @Test
  void namesTheRuleAndAnswersItsOwnCloseOnly() {
    String note = RefusedCloseNote.render(REASON, CLOSED);
    assertThat(note)
        .startsWith(
            "Reopened: closed by bob, who may not promote to Production (approvers:"
                + " @acme/release). This close is not a go-ahead")
        .contains("<!-- trafficlight:refused-close {\"closed_at\":\"2026-11-26T09:15:02Z\"} -->");
    assertThat(RefusedCloseNote.answers(note, CLOSED)).isTrue();
    assertThat(RefusedCloseNote.answers(note, CLOSED.plusSeconds(60))).isFalse();
    assertThat(RefusedCloseNote.answers("Looks good to me", CLOSED)).isFalse();
    assertThat(RefusedCloseNote.answers(null, CLOSED)).isFalse();
  }

  @Test
  void recordsNothingABoardWouldCountAsADeploy() {
    assertThat(DeployRecord.readAll(RefusedCloseNote.render(REASON, CLOSED))).isEmpty();
  }
}
