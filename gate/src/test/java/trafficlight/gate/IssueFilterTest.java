package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import trafficlight.gate.IssueFilter.Candidate;

/** Which issues a gate source takes as versions. */
class IssueFilterTest {

  static final IssueFilter QA =
      new IssueFilter(
          "closed",
          "[bot] Pulumi myapp applications.myapp.QA deployed.",
          List.of("pipeline-workflow"),
          List.of("skip"));

  static Candidate closed(String title, String reason, List<String> labels) {
    return new Candidate(title, "closed", reason, labels, false);
  }

  static final String TITLE = "[bot] Pulumi myapp applications.myapp.QA deployed.";

  @Test
  void aClosedGateIssueWithTheLabelsIsAVersionWhetherOrNotItHasAReason() {
    assertThat(QA.matches(closed(TITLE, null, List.of("pipeline-workflow")))).isTrue();
    assertThat(QA.matches(closed(TITLE + " more", "completed", List.of("pipeline-workflow", "x"))))
        .isTrue();
  }

  @Test
  void abandonedConsumedUnlabeledSkippedOpenAndPullRequestsAreNot() {
    List<String> labels = List.of("pipeline-workflow");
    assertThat(QA.matches(closed(TITLE, "not_planned", labels))).isFalse();
    assertThat(QA.matches(closed(TITLE, "duplicate", labels))).isFalse();
    assertThat(QA.matches(closed("[CONSUMED #3]" + TITLE, null, labels))).isFalse();
    assertThat(QA.matches(closed(TITLE, null, List.of()))).isFalse();
    assertThat(QA.matches(closed(TITLE, null, List.of("pipeline-workflow", "skip")))).isFalse();
    assertThat(QA.matches(new Candidate(TITLE, "open", null, labels, false))).isFalse();
    assertThat(QA.matches(new Candidate(TITLE, "closed", null, labels, true))).isFalse();
    assertThat(QA.matches(closed(null, null, labels))).isFalse();
  }

  @Test
  void anOpenSourceTakesOpenIssues() {
    IssueFilter open = new IssueFilter("open", "", List.of(), List.of());
    assertThat(open.matches(new Candidate("anything", "open", null, null, false))).isTrue();
    assertThat(open.matches(closed("anything", null, List.of()))).isFalse();
  }
}
