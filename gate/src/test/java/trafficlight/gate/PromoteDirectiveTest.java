package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromoteDirectiveTest {

  private static final String A = "1a2b3c4d5e6f70819293a4b5c6d7e8f901234567";
  private static final String B = "1a2b9f8e7d6c5b4a39281706f5e4d3c2b1a09876";
  private static final String C = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";

  private static DeployRecord build(String sha, String subject, String number) {
    return new DeployRecord(
        new DeployRecord.Change(sha, subject, null, null),
        new DeployRecord.Build(number, "deploy-qa", "myapp", null),
        "Production",
        null,
        null);
  }

  private static final List<DeployRecord> RECORDS =
      List.of(
          build(A, "Add the cart", "11"),
          build(B, "Fix the cart total", "12"),
          build(C, "Speed up search", "13"));

  @Test
  void theFirstNonBlankLineIsTheDirective() {
    assertThat(PromoteDirective.parse("\n  /promote 1A2B3C4  \nthe one QA signed off"))
        .contains(new PromoteDirective("1A2B3C4"));
    assertThat(PromoteDirective.parse("/PROMOTE")).contains(new PromoteDirective(""));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {"Looks good.\n/promote 1a2b3c4", "/promoted 1a2b3c4", "/promote 1a2b3c4 and more"})
  void anythingElseIsNone(String comment) {
    assertThat(PromoteDirective.parse(comment)).isEmpty();
  }

  @Test
  void whatItRendersItParses() {
    String comment =
        PromoteDirective.render(A.toUpperCase(java.util.Locale.ROOT)) + "\n\nPromoted by alice.";
    assertThat(PromoteDirective.parse(comment)).contains(new PromoteDirective(A));
  }

  @Test
  void aPrefixOfOneRecordedCommitChoosesItsNewestBuild() {
    List<DeployRecord> twice =
        List.of(build(A, "Add the cart", "11"), build(A, "Add the cart", "14"));
    assertThat(new PromoteDirective("1A2B3C").choose(RECORDS))
        .isEqualTo(new PromoteDirective.Chosen(RECORDS.get(0)));
    assertThat(new PromoteDirective("1a2b3c4").choose(twice))
        .isEqualTo(new PromoteDirective.Chosen(twice.get(1)));
  }

  @Test
  void aPrefixOfNoneOrOfTwoCommitsIsRefusedListingTheRecordedBuilds() {
    String recorded =
        "recorded builds: `1a2b3c4` Add the cart (deploy-qa #11), `1a2b9f8` Fix the cart total"
            + " (deploy-qa #12), `9f8e7d6` Speed up search (deploy-qa #13)";
    assertThat(new PromoteDirective("abcdef0").choose(RECORDS))
        .isEqualTo(
            new PromoteDirective.Refused("/promote abcdef0 names no recorded build; " + recorded));
    assertThat(new PromoteDirective("1a2b").choose(RECORDS))
        .isEqualTo(
            new PromoteDirective.Refused("/promote 1a2b names several commits; " + recorded));
  }

  @Test
  void somethingElseThanAShaPrefixIsRefused() {
    for (String argument : List.of("", "main", "1a2", "1a2b3c4x")) {
      assertThat(new PromoteDirective(argument).choose(RECORDS))
          .isInstanceOfSatisfying(
              PromoteDirective.Refused.class,
              r -> assertThat(r.reason()).contains("does not name a commit").contains("`9f8e7d6`"));
    }
  }

  @Test
  void buildsWithoutACommitAreNotChoices() {
    DeployRecord none =
        new DeployRecord(
            null, new DeployRecord.Build("10", "deploy-qa", "myapp", null), null, null, null);
    assertThat(new PromoteDirective("1a2b3c4").choose(List.of(none)))
        .isEqualTo(
            new PromoteDirective.Refused(
                "/promote 1a2b3c4 names no recorded build; recorded builds: none records a commit"));
  }
}
