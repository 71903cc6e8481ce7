package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsumedPrefixTest {

  @Test
  void writesMitodlsPrefixWithNoSpace() {
    assertThat(ConsumedPrefix.add("[bot] x deployed.", "42"))
        .isEqualTo("[CONSUMED #42][bot] x deployed.");
  }

  @Test
  void tellsConsumedTitles() {
    assertThat(ConsumedPrefix.isConsumed("[CONSUMED #42][bot] x")).isTrue();
    assertThat(ConsumedPrefix.isConsumed("[bot] x")).isFalse();
  }

  @Test
  void stripsEveryPrefixAndNamesTheOutermostBuild() {
    assertThat(ConsumedPrefix.strip("[CONSUMED #9] [CONSUMED #3][bot] x"))
        .isEqualTo(new ConsumedPrefix.Stripped("[bot] x", "9"));
    assertThat(ConsumedPrefix.strip("[bot] x"))
        .isEqualTo(new ConsumedPrefix.Stripped("[bot] x", null));
    assertThat(ConsumedPrefix.strip("[bot] [CONSUMED #3] x").consumedBy()).isNull();
  }

  @Test
  void whatItWritesItReads() {
    String title = ConsumedPrefix.add("[bot] x deployed.", "7");
    assertThat(ConsumedPrefix.strip(title))
        .isEqualTo(new ConsumedPrefix.Stripped("[bot] x deployed.", "7"));
  }
}
