package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trafficlight.localhub.IssueSeed;

class CheckTest extends AgainstLocalHub {

  @Test
  void firstCheckReturnsOnlyTheNewestClosedMatchingIssueInOneRequest() {
    int older = open(TITLE);
    int newer = open(TITLE);
    int stillOpen = open(TITLE);
    int otherPrefix = open("[bot] Pulumi myapp applications.myapp.CI deployed.");
    close(older);
    close(newer);
    close(otherPrefix);

    Run run = check(trigger(), null);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.issueNumbers()).containsExactly((long) newer);
    assertThat(stillOpen).isPositive();
    assertThat(hub.requestCount("issues/list-for-repo")).isEqualTo(1);
    assertThat(hub.requests()).hasSize(1);
  }

  /** Closes the gates, in this order, and returns the version a first check then finds. */
  Map<String, String> versionAfterClosing(int... numbers) {
    close(numbers);
    return check(trigger(), null).versions().get(0);
  }

  @Test
  void versionsCarryMitodlsKeys() {
    int number = open(TITLE);
    close(number);

    Map<String, String> version = check(trigger(), null).versions().get(0);

    assertThat(version)
        .containsExactly(
            Map.entry("issue_number", Integer.toString(number)),
            Map.entry("issue_title", TITLE),
            Map.entry("issue_state", "closed"),
            Map.entry("issue_created_at", IssueTimes.format(startedAt)),
            Map.entry("issue_closed_at", IssueTimes.format(startedAt.plusSeconds(60))),
            Map.entry("issue_url", hub.baseUrl() + "/repos/" + REPO + "/issues/" + number));
  }

  @Test
  void firstCheckOfAnEmptyRepositoryReturnsNoVersion() {
    open(TITLE);
    Run run = check(trigger(), null);
    assertThat(run.exit()).isZero();
    assertThat(run.versions()).isEmpty();
  }

  @Test
  void whenNothingIsNewerTheGivenVersionIsReturned() {
    int number = open(TITLE);
    Map<String, String> latest = versionAfterClosing(number);

    Run again = check(trigger(), latest);

    assertThat(again.versions()).containsExactly(latest);
  }

  @Test
  void newerVersionsComeOldestFirstByCloseTime() {
    int first = open(TITLE);
    int second = open(TITLE);
    int third = open(TITLE);
    Map<String, String> previous = versionAfterClosing(first);
    close(third, second);

    Run run = check(trigger(), previous);

    assertThat(run.versions().get(0)).isEqualTo(previous);
    assertThat(run.issueNumbers()).containsExactly((long) first, (long) third, (long) second);
  }

  @Test
  void anIssueClosedInTheSameSecondAsThePreviousOneIsNotLost() {
    int first = open(TITLE);
    int second = open(TITLE);
    hub.closeIssue(REPO, first, "alice");
    Map<String, String> previous = check(trigger(), null).versions().get(0);
    hub.closeIssue(REPO, second, "bob"); // same second: the clock did not move

    Run run = check(trigger(), previous);

    assertThat(run.issueNumbers()).containsExactly((long) first, (long) second);
  }

  @Test
  void anOlderIssueThatWasCommentedOnOrEditedIsNotOfferedAgain() {
    int old = open(TITLE);
    int latest = open(TITLE);
    Map<String, String> previous = versionAfterClosing(old, latest);
    hub.addComment(REPO, old, "carol", "why was this closed?");
    tick();
    hub.renameIssue(REPO, old, TITLE + " (edited)");
    tick();

    Run run = check(trigger(), previous);

    assertThat(run.versions()).containsExactly(previous);
  }

  @Test
  void pullRequestsNotPlannedAndSkippedLabelsNeverTrigger() {
    int real = open(TITLE);
    close(real);
    int pr = hub.createPullRequest(REPO, TITLE, "dev");
    tick();
    close(pr);
    int abandoned = open(TITLE);
    hub.closeIssue(REPO, abandoned, "alice", "not_planned");
    tick();
    int skipped = open(TITLE, "do-not-promote");
    close(skipped);

    Run run = check(trigger("skip_if_labeled", List.of("do-not-promote")), null);

    assertThat(run.issueNumbers()).containsExactly((long) real);
  }

  @Test
  void everyConfiguredLabelMustBePresent() {
    int both = open(TITLE, "pipeline-workflow", "promotion-to-production");
    int one = open(TITLE, "pipeline-workflow");
    close(both);
    close(one);

    Run run =
        check(trigger("labels", List.of("pipeline-workflow", "promotion-to-production")), null);

    assertThat(run.issueNumbers()).containsExactly((long) both);
    assertThat(hub.requests().get(0).query())
        .contains("labels=pipeline-workflow%2Cpromotion-to-production");
  }

  @Test
  void requestsDoNotGrowWithTheRepositorysHistory() {
    hub.seedIssues(
        REPO,
        1000,
        i ->
            new IssueSeed(
                TITLE,
                null,
                List.of(),
                "closed",
                "completed",
                startedAt.minusSeconds(100_000 - i * 60L),
                startedAt.minusSeconds(90_000 - i * 60L)));
    Run first = check(trigger(), null);
    int newest = open(TITLE);
    close(newest);
    Run next = check(trigger(), first.versions().get(0));

    assertThat(first.issueNumbers()).containsExactly(1000L);
    assertThat(next.issueNumbers()).containsExactly(1000L, (long) newest);
    assertThat(hub.requestCount("issues/list-for-repo")).isEqualTo(2);
  }

  @Test
  void limitOldVersionsKeepsTheNewest() {
    int a = open(TITLE);
    int b = open(TITLE);
    int c = open(TITLE);
    int d = open(TITLE);
    Map<String, String> previous = versionAfterClosing(a);
    close(b, c, d);

    Run run = check(trigger("limit_old_versions", 2), previous);

    assertThat(run.issueNumbers()).containsExactly((long) a, (long) c, (long) d);
  }

  @Test
  void openStateOrdersByCreation() {
    int first = open(TITLE);
    Map<String, String> previous = check(trigger("issue_state", "open"), null).versions().get(0);
    int second = open(TITLE);
    int third = open(TITLE);

    Run run = check(trigger("issue_state", "open"), previous);

    assertThat(previous.get("issue_number")).isEqualTo(Integer.toString(first));
    assertThat(previous.get("issue_closed_at")).isEqualTo("None");
    assertThat(run.issueNumbers()).containsExactly((long) first, (long) second, (long) third);
  }

  @Test
  void anonymousChecksWorkOnPublicRepositories() {
    int number = open(TITLE);
    close(number);
    Run run = check(trigger("access_token", null), null);
    assertThat(run.issueNumbers()).containsExactly((long) number);
    assertThat(hub.requests().get(0).header("Authorization")).isNull();
  }

  @Test
  void noProbeRequestsAreMade() {
    check(trigger(), null);
    assertThat(hub.requests())
        .extracting(r -> r.operation())
        .containsExactly("issues/list-for-repo");
  }

  /** mitodl's version time format: UTC, no zone. */
  static final class IssueTimes {
    static String format(Instant instant) {
      return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
          .withZone(ZoneOffset.UTC)
          .format(instant);
    }
  }
}
