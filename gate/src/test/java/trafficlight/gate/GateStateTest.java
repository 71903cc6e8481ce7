package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GateStateTest {

  @Test
  void githubsReasonsAreReadWhateverTheirCaseAndNoneIsCompleted() {
    assertThat(CloseReason.of(null)).isEqualTo(CloseReason.COMPLETED);
    assertThat(CloseReason.of("completed")).isEqualTo(CloseReason.COMPLETED);
    assertThat(CloseReason.of("NOT_PLANNED")).isEqualTo(CloseReason.NOT_PLANNED);
    assertThat(CloseReason.of("duplicate")).isEqualTo(CloseReason.DUPLICATE);
    assertThat(CloseReason.of("reopened")).isEqualTo(CloseReason.REOPENED);
    assertThat(CloseReason.of("a_reason_github_adds_later")).isEqualTo(CloseReason.COMPLETED);
    assertThat(CloseReason.DUPLICATE.apiName()).isEqualTo("duplicate");
  }

  @Test
  void onlyNotPlannedAndDuplicateAbandonAPromotion() {
    assertThat(CloseReason.values())
        .filteredOn(CloseReason::abandons)
        .containsExactlyInAnyOrder(CloseReason.NOT_PLANNED, CloseReason.DUPLICATE);
    assertThat(IssueFilter.isAbandoned("not_planned")).isTrue();
    assertThat(IssueFilter.isAbandoned(null)).isFalse();
  }

  @Test
  void aGatesStateReadsOpenThenAbandonedThenConsumedThenTheRule() {
    assertThat(GateState.of(false, null, false, true)).isEqualTo(GateState.WAITING);
    assertThat(GateState.of(true, "not_planned", true, true)).isEqualTo(GateState.ABANDONED);
    assertThat(GateState.of(true, "completed", true, true)).isEqualTo(GateState.CONSUMED);
    assertThat(GateState.of(true, null, false, true)).isEqualTo(GateState.REFUSED);
    assertThat(GateState.of(true, null, false, false)).isEqualTo(GateState.PROMOTED);
  }

  @Test
  void onlyAPromotedOrConsumedGateIsAGoAhead() {
    assertThat(GateState.values())
        .filteredOn(GateState::isGoAhead)
        .containsExactlyInAnyOrder(GateState.PROMOTED, GateState.CONSUMED);
  }

  @Test
  void theShortStageIsTheLastDottedPart() {
    assertThat(TitleFormat.shortStage("applications.myapp.QA")).isEqualTo("QA");
    assertThat(TitleFormat.shortStage("Production")).isEqualTo("Production");
    assertThat(TitleFormat.shortStage("trailing.")).isEqualTo("trailing.");
    assertThat(
            TitleFormat.defaultFormat().match("[bot] Pulumi myapp applications.myapp.QA deployed."))
        .get()
        .extracting(TitleFormat.Title::shortStage)
        .isEqualTo("QA");
  }
}
