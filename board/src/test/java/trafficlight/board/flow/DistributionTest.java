package trafficlight.board.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionTest {

  @Test
  void noSamplesHaveNoFiguresRatherThanZero() {
    Distribution none = Distribution.EMPTY;
    assertThat(none.median()).isNull();
    assertThat(none.p90()).isNull();
    assertThat(none.max()).isNull();
  }

  @Test
  void oneSampleIsMedianP90AndMax() {
    Distribution one = new Distribution(List.of(42L));
    assertThat(List.of(one.median(), one.p90(), one.max())).containsOnly(42L);
  }

  @Test
  void figuresAreSamplesThatHappenedByNearestRank() {
    Distribution d = new Distribution(List.of(10L, 1L, 9L, 2L, 8L, 3L, 7L, 4L, 6L, 5L));
    assertThat(d.median()).isEqualTo(5L);
    assertThat(d.p90()).isEqualTo(9L);
    assertThat(d.max()).isEqualTo(10L);
  }

  @Test
  void aNegativeSpanIsRefused() {
    assertThatThrownBy(() -> new Distribution(List.of(-1L)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
