package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class GateLabelsTest {

  @Test
  void promotionLabelsUseTheSlug() {
    assertThat(GateLabels.promotionTo("Production")).isEqualTo("promotion-to-production");
    assertThat(GateLabels.promotionTo("Pre Prod (EU)")).isEqualTo("promotion-to-pre-prod-eu");
  }

  @Test
  void readsThePromotionTarget() {
    assertThat(GateLabels.promotionTarget(List.of("pipeline-workflow", "Promotion-To-QA")))
        .hasValue("QA");
    assertThat(GateLabels.promotionTarget(List.of("pipeline-workflow", "promotion-to-"))).isEmpty();
    assertThat(GateLabels.promotionTarget(List.of(GateLabels.FINAL))).isEmpty();
  }

  @Test
  void labelsCompareIgnoringCase() {
    assertThat(GateLabels.has(List.of("Pipeline-Workflow"), GateLabels.WORKFLOW)).isTrue();
    assertThat(GateLabels.has(List.of("workflow"), GateLabels.WORKFLOW)).isFalse();
  }

  @Test
  void slugsDoNotDependOnTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertThat(GateLabels.slug("INTEGRATION")).isEqualTo("integration");
    } finally {
      Locale.setDefault(before);
    }
    assertThat(GateLabels.slug("---")).isEqualTo("stage");
  }
}
