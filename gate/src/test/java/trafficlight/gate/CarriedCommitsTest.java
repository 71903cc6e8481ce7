package trafficlight.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CarriedCommitsTest {

  private static DeployRecord.Commit commit(int n, String subject, String author) {
    return new DeployRecord.Commit(String.format(Locale.ROOT, "%040x", n), subject, author, author);
  }

  @Test
  void pullRequestNumbersNameTheCodeRepository() {
    assertThat(CarriedCommits.withReferences("Fix the cart total (#12)", "acme/shop"))
        .isEqualTo("Fix the cart total (acme/shop#12)");
    assertThat(
            CarriedCommits.withReferences(
                "Merge pull request #7 from alice/search (#not)", "acme/shop"))
        .isEqualTo("Merge pull request acme/shop#7 from alice/search (#not)");
    assertThat(CarriedCommits.withReferences("Bump to #3", "acme/shop")).isEqualTo("Bump to #3");
    assertThat(CarriedCommits.withReferences("Fix (#12)", null)).isEqualTo("Fix (#12)");
  }

  @Test
  void listsEachCommitWithItsShortShaSubjectAndAuthor() {
    String text =
        CarriedCommits.markdown(
            List.of(commit(1, "Fix the cart total (#12)", "alice"), commit(2, "Speed up", null)),
            2,
            "acme/shop",
            "0000000",
            "https://github.com/acme/shop/compare/a...b");
    assertThat(text)
        .contains("2 commits since the previous deploy (`0000000`):")
        .contains("- `0000000` Fix the cart total (acme/shop#12) (alice)\n")
        .contains("- `0000000` Speed up\n")
        .contains("[Compare](https://github.com/acme/shop/compare/a...b)")
        .doesNotContain("more");
    assertThat(text.indexOf("Fix the cart")).isLessThan(text.indexOf("Speed up"));
  }

  @Test
  void afterTwentyLinesSaysHowManyMoreWithTheCompareLink() {
    List<DeployRecord.Commit> many = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      many.add(commit(i, "Change " + i, "bob"));
    }
    String text = CarriedCommits.markdown(many, 30, "acme/shop", "abcdef0", "https://x/compare");
    assertThat(text.lines().filter(l -> l.startsWith("- `"))).hasSize(20);
    assertThat(text).contains("- and 10 more: [compare](https://x/compare)");
    assertThat(text).contains("Change 19").doesNotContain("Change 20");
  }

  @Test
  void theSummaryNamesTheCountAndTheFirstSubjects() {
    assertThat(
            CarriedCommits.summary(
                List.of(
                    commit(1, "Fix the cart total", "a"),
                    commit(2, "Speed up search", "a"),
                    commit(3, "Tidy the footer", "a"))))
        .isEqualTo("3 commits: Fix the cart total, Speed up search, Tidy the footer");
    assertThat(
            CarriedCommits.summary(
                List.of(commit(1, "x".repeat(50), "a"), commit(2, "y".repeat(30), "a"))))
        .isEqualTo("2 commits: " + "x".repeat(50) + ", \u2026");
    assertThat(CarriedCommits.summary(List.of())).isNull();
    assertThat(CarriedCommits.summary(List.of(commit(1, "One", "a")))).isEqualTo("1 commit: One");
  }
}
