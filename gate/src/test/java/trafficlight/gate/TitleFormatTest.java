package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TitleFormatTest {

  private static final TitleFormat MITODL =
      TitleFormat.parse("[bot] {deployer} {project} applications.{project}.{stage} deployed.");

  @Test
  void rendersAndMatchesItsOwnTitles() {
    String title = MITODL.render("Pulumi", "myapp", "QA");
    assertThat(title).isEqualTo("[bot] Pulumi myapp applications.myapp.QA deployed.");
    assertThat(MITODL.match(title)).hasValue(new TitleFormat.Title("Pulumi", "myapp", "QA", null));
  }

  @Test
  void thePrefixIsTheTitleWithoutDeployed() {
    assertThat(MITODL.prefix("Pulumi", "myapp", "QA"))
        .isEqualTo("[bot] Pulumi myapp applications.myapp.QA");
    TitleFormat other = TitleFormat.parse("Deployed {project} to {stage}");
    assertThat(other.prefix(null, "web", "live")).isEqualTo("Deployed web to live");
  }

  @Test
  void readsConsumedTitlesWithOrWithoutASpace() {
    String title = MITODL.render("Pulumi", "myapp", "QA");
    assertThat(MITODL.match(ConsumedPrefix.add(title, "5")))
        .hasValue(new TitleFormat.Title("Pulumi", "myapp", "QA", "5"));
    assertThat(MITODL.match("[CONSUMED #5] " + title))
        .hasValue(new TitleFormat.Title("Pulumi", "myapp", "QA", "5"));
  }

  @Test
  void aPlaceholderNamedTwiceMustMatchTheSameText() {
    assertThat(MITODL.match("[bot] Pulumi myapp applications.billing.QA deployed.")).isEmpty();
  }

  @Test
  void theDeployerIsOptional() {
    TitleFormat format = TitleFormat.parse("Deployed {project} to {stage}");
    assertThat(format.match("Deployed web to live"))
        .hasValue(new TitleFormat.Title(null, "web", "live", null));
    assertThat(format.match("Deployed web to live, twice")).isEmpty();
    assertThat(format.match(null)).isEmpty();
  }

  @Test
  void regexCharactersInTheFormatAreLiteral() {
    TitleFormat format = TitleFormat.parse("(ci) {project}.{stage}?");
    assertThat(format.match("(ci) web.live?")).isPresent();
    assertThat(format.match("xciy webxlive!")).isEmpty();
  }

  @Test
  void projectAndStageAreRequired() {
    assertThatThrownBy(() -> TitleFormat.parse("[bot] {stage} deployed."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must contain {project} and {stage}");
  }

  @Test
  void angleBracketsAreRefusedWithTheSpellingToUse() {
    assertThatThrownBy(() -> TitleFormat.parse("[bot] <deployer> <project> <stage> deployed."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("uses <deployer>: placeholders are written {deployer}");
  }

  @Test
  void theDefaultIsMitodls() {
    assertThat(TitleFormat.defaultFormat().render("Pulumi", "myapp", "QA"))
        .isEqualTo("[bot] Pulumi myapp QA deployed.");
  }
}
