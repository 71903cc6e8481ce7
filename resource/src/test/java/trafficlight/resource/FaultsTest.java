package trafficlight.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trafficlight.localhub.Fault;
import trafficlight.localhub.FaultPolicy;

/** GitHub's failure modes: retried where safe, verified where not, and reported in one line. */
class FaultsTest extends AgainstLocalHub {

  private static final String ISSUES = "/repos/" + REPO + "/issues";

  private long openCount() {
    return hub.issues(REPO).stream().filter(i -> i.state().equals("open")).count();
  }

  @Test
  void checkRetriesAServerError() {
    hub.inject(Fault.on("GET", ISSUES).policy(new FaultPolicy.ServerError(502)));
    Run run = check(trigger(), null);
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.stderr()).contains("502").contains("retrying");
    assertThat(hub.requestCount("issues/list-for-repo")).isEqualTo(2);
  }

  @Test
  void checkRetriesADroppedConnectionAndATruncatedBody() {
    hub.inject(Fault.on("GET", ISSUES).policy(new FaultPolicy.DropConnection()));
    hub.inject(Fault.on("GET", ISSUES).policy(new FaultPolicy.TruncatedJson()));
    Run run = check(trigger(), null);
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.versions()).isEmpty();
  }

  @Test
  void aLostCreateResponseDoesNotMakeADuplicate() {
    hub.inject(Fault.on("POST", ISSUES).policy(new FaultPolicy.LoseResponseAfterApply()));

    Run run = out(post(), Map.of(), build("1"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(openCount()).isEqualTo(1);
    assertThat(run.metadata()).containsEntry("action", "created");
    assertThat(hub.requestCount("issues/create")).isEqualTo(1);
  }

  @Test
  void aCreateThatFailedBeforeApplyingIsRepeatedOnce() {
    hub.inject(Fault.on("POST", ISSUES).policy(new FaultPolicy.ServerError(503)));

    Run run = out(post(), Map.of(), build("1"));

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(openCount()).isEqualTo(1);
    assertThat(hub.requestCount("issues/create")).isEqualTo(2);
  }

  @Test
  void aLostCommentResponseDoesNotDoubleTheComment() {
    Run first = out(post(), Map.of(), build("1"));
    long number = Long.parseLong(first.version().get("issue_number"));
    hub.inject(
        Fault.on("POST", ISSUES + "/" + number + "/comments")
            .policy(new FaultPolicy.LoseResponseAfterApply()));

    Run second = out(post(), Map.of(), build("2"));

    assertThat(second.exit()).as(second.toString()).isZero();
    assertThat(hub.issue(REPO, (int) number).comments()).hasSize(1);
  }

  @Test
  void anExhaustedRateLimitFailsFastWithTheResetTime() {
    hub.inject(
        Fault.on("GET", ISSUES).policy(new FaultPolicy.RateLimitExhausted(Duration.ofHours(1))));
    long started = System.nanoTime();

    Run run = check(trigger(), null);

    assertFailedWithOneLine(run, "rate limit exhausted");
    assertThat(run.stderr())
        .containsPattern(
            "resets at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, in (5[89]|6[01]) min");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aSecondaryRateLimitIsWaitedOut() {
    hub.inject(Fault.on("POST", ISSUES).policy(new FaultPolicy.SecondaryRateLimit(1)));
    Run run = out(post(), Map.of(), build("1"));
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.stderr()).contains("secondary rate limit");
    assertThat(openCount()).isEqualTo(1);
  }

  @Test
  void aProxysHtmlPageIsNamedAsSuch() {
    hub.inject(Fault.on("GET", ISSUES).always().policy(new FaultPolicy.HtmlErrorPage(502)));
    Run run = check(trigger(), null);
    assertFailedWithOneLine(run, "an HTML error page");
    assertThat(hub.requestCount("issues/list-for-repo")).isEqualTo(4);
  }
}
