package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PullRequestNoteTest {

  private static final String SHA = "1a2b3c4d5e6f70819293a4b5c6d7e8f901234567";
  private static final Instant QA_AT = Instant.parse("2026-12-07T21:40:00Z");
  private static final Instant PROD_AT = Instant.parse("2026-12-08T09:05:00Z");
  private static final PullRequestNote.Gate QA_GATE =
      new PullRequestNote.Gate("acme/gates", 5, "https://github.com/acme/gates/issues/5");

  private static PullRequestNote.Deploy qa() {
    return new PullRequestNote.Deploy(
        "QA",
        QA_AT,
        "deploy-qa #3",
        "https://ci.example.com/builds/3",
        SHA,
        "Production",
        QA_GATE,
        List.of("alice", "acme/release"));
  }

  private static PullRequestNote.Deploy production() {
    return new PullRequestNote.Deploy(
        "Production",
        PROD_AT,
        "deploy-production #7",
        "https://ci.example.com/builds/7",
        SHA,
        null,
        new PullRequestNote.Gate("acme/gates", 6, null),
        List.of());
  }

  @Test
  void aQaDeployIsDeployedThereAndWaitsForItsGateIssueForTheNextStage() {
    String text = PullRequestNote.empty().with(qa()).render();

    assertThat(text)
        .contains(
            "- **QA**: deployed 2026-12-07 21:40 UTC by [deploy-qa #3](https://ci.example.com/builds/3)"
                + " (`1a2b3c4`)\n")
        .contains(
            "- **Production**: waiting for [acme/gates#5](https://github.com/acme/gates/issues/5)"
                + " to be closed (who may close it: alice, acme/release)\n");
    assertThat(DeployRecord.readAll(text)).as("never taken for a deploy record").isEmpty();
  }

  @Test
  void readsBackWhatItWroteAndALaterDeployChangesItsLineKeepingTheOthers() {
    String qaText = PullRequestNote.empty().with(qa()).render();
    PullRequestNote read = PullRequestNote.read("hand-edited above\n" + qaText).orElseThrow();
    assertThat(read).isEqualTo(PullRequestNote.empty().with(qa()));

    PullRequestNote after = read.with(production());

    assertThat(after.stages())
        .extracting(PullRequestNote.Stage::name, PullRequestNote.Stage::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("QA", PullRequestNote.State.DEPLOYED),
            org.assertj.core.groups.Tuple.tuple("Production", PullRequestNote.State.DEPLOYED));
    assertThat(after.reached("production")).isTrue();
    assertThat(after.render()).contains("- **Production**: deployed 2026-12-08 09:05 UTC by");
  }

  @Test
  void anEarlierStageDeployedAgainNeverTakesBackALaterStagesDeploy() {
    PullRequestNote both = PullRequestNote.empty().with(qa()).with(production());

    PullRequestNote again = both.with(qa());

    assertThat(again.reached("Production")).isTrue();
    assertThat(again.stages())
        .extracting(PullRequestNote.Stage::name)
        .containsExactly("QA", "Production");
  }

  @Test
  void aStageFirstSeenBeforeAKnownOneGoesBeforeIt() {
    PullRequestNote production = PullRequestNote.empty().with(production());
    PullRequestNote.Deploy staging =
        new PullRequestNote.Deploy(
            "Staging", QA_AT, "deploy-staging #1", null, SHA, "Production", QA_GATE, List.of());

    assertThat(production.with(staging).stages())
        .extracting(PullRequestNote.Stage::name)
        .containsExactly("Staging", "Production");
  }

  @Test
  void theArrivalIsAShortOtherCommentThatIsNoNote() {
    String arrival =
        PullRequestNote.arrival("Production", PROD_AT, "deploy-production #7", "https://ci/7");

    assertThat(arrival)
        .startsWith(
            "This change is in **Production**, deployed by [deploy-production #7](https://ci/7) at"
                + " 2026-12-08 09:05 UTC.\n");
    assertThat(PullRequestNote.read(arrival)).isEmpty();
    assertThat(PullRequestNote.read("a person's comment")).isEmpty();
    assertThat(PullRequestNote.read("<!-- trafficlight:pull-request {not json} -->")).isEmpty();
  }
}
