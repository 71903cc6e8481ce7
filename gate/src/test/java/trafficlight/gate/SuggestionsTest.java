package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  private static final List<String> KEYS = List.of("issue_prefix", "issue_state", "labels");

  @Test
  void suggestsTheNearestKey() {
    assertThat(Suggestions.nearest("isue_prefix", KEYS)).isEqualTo("issue_prefix");
    assertThat(Suggestions.nearest("LABELS", KEYS)).isEqualTo("labels");
  }

  @Test
  void suggestsNothingFarOff() {
    assertThat(Suggestions.nearest("timeout", KEYS)).isNull();
    assertThat(Suggestions.nearest("x", List.of())).isNull();
  }

  @Test
  void aSwapOfTwoLettersIsOneSlipAndTiesGoToTheNameAsLongAsTheTypedOne() {
    assertThat(Suggestions.distance("stauts", "status")).isEqualTo(1);
    assertThat(Suggestions.nearest("stauts", List.of("stats", "status", "where")))
        .isEqualTo("status");
    assertThat(Suggestions.nearest("stat", List.of("status", "stats"))).isEqualTo("stats");
  }

  @Test
  void distanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    assertThat(Suggestions.distance("same", "same")).isZero();
  }
}
