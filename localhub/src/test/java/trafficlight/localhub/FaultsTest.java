package trafficlight.localhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest extends LocalHubWithOneRepo {
  private String issues;

  @BeforeEach
  void issuesUrl() {
    issues = base + "/issues";
  }

  @Test
  void serverErrorAppliesTheGivenNumberOfTimesWithoutApplying() {
    hub.inject(
        Fault.on("POST", "/repos/o/r/issues").times(2).policy(new FaultPolicy.ServerError(502)));

    Http.Response first = Http.post(issues, token, "{\"title\":\"t\"}");
    Http.Response second = Http.post(issues, token, "{\"title\":\"t\"}");
    Http.Response third = Http.post(issues, token, "{\"title\":\"t\"}");

    assertThat(first.status()).isEqualTo(502);
    assertThat(first.json().get("message").asText()).isEqualTo("Bad Gateway");
    assertThat(second.status()).isEqualTo(502);
    assertThat(third.status()).isEqualTo(201);
    assertThat(hub.issues("o/r")).hasSize(1);
    assertThat(hub.requests()).extracting(RecordedRequest::status).containsExactly(502, 502, 201);
  }

  @Test
  void faultsMatchOnlyTheirMethodAndPath() {
    hub.inject(Fault.on("POST", "/repos/o/r/issues").policy(new FaultPolicy.ServerError(500)));
    assertThat(Http.get(issues, token).status()).isEqualTo(200);
    assertThat(Http.post(issues, token, "{\"title\":\"t\"}").status()).isEqualTo(500);
  }

  @Test
  void patternAndAnyMethodAndEnterprisePrefix() {
    hub.inject(
        Fault.onPattern("*", "/repos/o/r/issues/\\d+")
            .always()
            .policy(new FaultPolicy.ServerError(503)));
    hub.createIssue("o/r", "t", null, List.of(), "bob");
    assertThat(Http.get(issues + "/1", token).status()).isEqualTo(503);
    assertThat(Http.patch(hub.enterpriseBaseUrl() + "/repos/o/r/issues/1", token, "{}").status())
        .isEqualTo(503);
    assertThat(Http.get(issues, token).status()).isEqualTo(200);
    hub.clearFaults();
    assertThat(Http.get(issues + "/1", token).status()).isEqualTo(200);
  }

  @Test
  void secondaryRateLimitAndTooManyRequests() {
    hub.inject(Fault.on("GET", "/repos/o/r/issues").policy(new FaultPolicy.SecondaryRateLimit(7)));
    Http.Response secondary = Http.get(issues, token);
    assertThat(secondary.status()).isEqualTo(403);
    assertThat(secondary.header("retry-after")).isEqualTo("7");
    assertThat(secondary.json().get("message").asText())
        .startsWith("You have exceeded a secondary rate limit");

    hub.inject(Fault.on("GET", "/repos/o/r/issues").policy(new FaultPolicy.TooManyRequests(3)));
    Http.Response tooMany = Http.get(issues, token);
    assertThat(tooMany.status()).isEqualTo(429);
    assertThat(tooMany.header("retry-after")).isEqualTo("3");
  }

  @Test
  void rateLimitExhausted() {
    hub.inject(
        Fault.on("GET", "/repos/o/r/issues")
            .policy(new FaultPolicy.RateLimitExhausted(Duration.ofMinutes(5))));
    Http.Response r = Http.get(issues, token);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("x-ratelimit-remaining")).isEqualTo("0");
    assertThat(r.header("x-ratelimit-reset"))
        .isEqualTo(String.valueOf(Instant.parse("2024-05-01T10:05:00Z").getEpochSecond()));
    assertThat(r.json().get("message").asText()).startsWith("API rate limit exceeded for ");
  }

  @Test
  void delayThenAnswersNormally() {
    hub.inject(
        Fault.on("GET", "/repos/o/r/issues").policy(new FaultPolicy.Delay(Duration.ofMillis(400))));
    long start = System.nanoTime();
    Http.Response r = Http.get(issues, token);
    assertThat(r.status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void dropConnectionGivesAnIoErrorAndDoesNotApply() {
    hub.inject(Fault.on("POST", "/repos/o/r/issues").policy(new FaultPolicy.DropConnection()));

    assertThatThrownBy(() -> Http.sendOrThrow("POST", issues, token, "{\"title\":\"t\"}"))
        .isInstanceOf(IOException.class);

    assertThat(hub.issues("o/r")).isEmpty();
    assertThat(hub.requests()).singleElement().extracting(RecordedRequest::status).isEqualTo(0);
    assertThat(Http.post(issues, token, "{\"title\":\"t\"}").status()).isEqualTo(201);
  }

  @Test
  void loseResponseAfterApplyCreatesTheIssueButAnswersNothing() {
    hub.inject(
        Fault.on("POST", "/repos/o/r/issues").policy(new FaultPolicy.LoseResponseAfterApply()));

    assertThatThrownBy(() -> Http.sendOrThrow("POST", issues, token, "{\"title\":\"lost\"}"))
        .isInstanceOf(IOException.class);

    assertThat(hub.issues("o/r")).extracting(Issue::title).containsExactly("lost");
  }

  @Test
  void malformedAndTruncatedJson() {
    hub.createIssue("o/r", "t", null, List.of(), "bob");
    hub.inject(Fault.on("GET", "/repos/o/r/issues").policy(new FaultPolicy.MalformedJson()));
    Http.Response malformed = Http.get(issues, token);
    assertThat(malformed.status()).isEqualTo(200);
    assertThatThrownBy(() -> Http.MAPPER.readTree(malformed.body()))
        .isInstanceOf(JsonProcessingException.class);

    hub.inject(Fault.on("GET", "/repos/o/r/issues").policy(new FaultPolicy.TruncatedJson()));
    Http.Response truncated = Http.get(issues, token);
    String full = Http.get(issues, token).body();
    assertThat(truncated.status()).isEqualTo(200);
    assertThat(full).startsWith(truncated.body());
    assertThat(truncated.body().length()).isLessThan(full.length());
    assertThatThrownBy(() -> Http.MAPPER.readTree(truncated.body()))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void htmlErrorPage() {
    hub.inject(Fault.on("*", "/repos/o/r/issues").policy(new FaultPolicy.HtmlErrorPage(502)));
    Http.Response r = Http.get(issues, token);
    assertThat(r.status()).isEqualTo(502);
    assertThat(r.header("content-type")).startsWith("text/html");
    assertThat(r.body()).contains("<title>502 Bad Gateway</title>");
  }
}
