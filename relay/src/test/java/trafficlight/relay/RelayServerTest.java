package trafficlight.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static trafficlight.relay.Fixtures.PROD_TITLE;
import static trafficlight.relay.Fixtures.QA_TITLE;
import static trafficlight.relay.Fixtures.closed;
import static trafficlight.relay.Fixtures.delivery;
import static trafficlight.relay.Fixtures.send;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deliveries over real sockets to a relay in front of a recording Concourse. */
class RelayServerTest extends RelayInFrontOfConcourse {

  static final String SIGNATURE = "X-Hub-Signature-256";

  @Test
  void aClosedGateIssueQueuesACheckOfExactlyTheResourceThatTakesIt() throws Exception {
    HttpResponse<String> answer =
        send(relay, "issues", closed(QA_TITLE, "pipeline-workflow", "promotion-to-production"));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("main/myapp/qa-gate").doesNotContain(Fixtures.QA_TOKEN);
    List<RecordingConcourse.Call> calls = concourse.awaitCalls(1, Duration.ofSeconds(5));
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).path())
        .isEqualTo("/api/v1/teams/main/pipelines/myapp/resources/qa-gate/check/webhook");
    assertThat(calls.get(0).query()).containsEntry("webhook_token", Fixtures.QA_TOKEN);

    send(relay, "issues", closed(PROD_TITLE + " build 12"));
    assertChecked("qa-gate", "production-gate");
    assertThat(concourse.calls().get(1).query())
        .containsEntry("webhook_token", Fixtures.PROD_TOKEN);
  }

  @Test
  void issuesNoRouteTakesAndOtherEventsAndActionsAreAnswered200AndGoNowhere() throws Exception {
    List<String> bodies =
        List.of(
            closed(QA_TITLE, "pipeline-workflow"), // a label missing
            closed("[CONSUMED #7]" + QA_TITLE, "pipeline-workflow", "promotion-to-production"),
            Fixtures.issues("closed", PROD_TITLE, "not_planned"),
            Fixtures.issues("closed", PROD_TITLE, "duplicate"),
            closed(PROD_TITLE, "hold"),
            Fixtures.issues("opened", PROD_TITLE, null),
            Fixtures.issues("labeled", PROD_TITLE, null),
            Fixtures.issues("reopened", PROD_TITLE, null),
            closed(PROD_TITLE).replace(Fixtures.REPOSITORY, "someone/else"),
            closed(PROD_TITLE)
                .replace("\"labels\"", "\"pull_request\":{\"url\":\"u\"},\"labels\""));
    for (String body : bodies) {
      assertThat(send(relay, "issues", body).statusCode()).as(body).isEqualTo(200);
    }
    assertThat(
            send(relay, "ping", "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}")
                .statusCode())
        .isEqualTo(200);
    assertThat(send(relay, "issue_comment", closed(PROD_TITLE)).statusCode()).isEqualTo(200);
    assertNothingForwarded();
  }

  @Test
  void theRepositoryNameIsComparedIgnoringCase() throws Exception {
    send(relay, "issues", closed(PROD_TITLE).replace(Fixtures.REPOSITORY, "MY-ORG/deploy-gates"));
    assertChecked("production-gate");
  }

  @Test
  void aMissingOrWrongSignatureIs401AndForwardedNowhere() throws Exception {
    String body = closed(PROD_TITLE);
    HttpResponse<String> unsigned =
        delivery("issues", "d-1", body).header(SIGNATURE, null).send(relay);
    HttpResponse<String> wrong =
        delivery("issues", "d-2", body).header(SIGNATURE, Fixtures.sign(body + " ")).send(relay);
    HttpResponse<String> sha1 =
        delivery("issues", "d-3", body)
            .header(SIGNATURE, null)
            .header("X-Hub-Signature", "sha1=" + Fixtures.sign(body).substring(7, 47))
            .send(relay);
    assertThat(List.of(unsigned.statusCode(), wrong.statusCode(), sha1.statusCode()))
        .containsOnly(401);
    assertThat(unsigned.body()).contains("X-Hub-Signature-256").doesNotContain(Fixtures.SECRET);
    assertNothingForwarded();
  }

  @Test
  void aBodyOver25MbIs413() throws Exception {
    byte[] big = new byte[RelayServer.MAX_BODY + 1];
    HttpResponse<String> answer =
        delivery("issues", "big", big).header(SIGNATURE, "sha256=00").send(relay);
    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.body()).contains("25 MB");
    assertNothingForwarded();
  }

  @Test
  void malformedJsonAWrongContentTypeAndMissingHeadersAre4xx() throws Exception {
    String broken = closed(PROD_TITLE).substring(0, 40);
    assertThat(send(relay, "issues", broken).statusCode()).isEqualTo(400);
    assertThat(send(relay, "issues", broken).body()).contains("not JSON");
    assertThat(send(relay, "issues", "[1,2]").statusCode()).isEqualTo(400);
    assertThat(send(relay, "issues", "{\"action\":\"closed\"}").statusCode()).isEqualTo(400);
    String body = closed(PROD_TITLE);
    HttpResponse<String> text =
        delivery("issues", "t-1", body).header("Content-Type", "text/plain").send(relay);
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(text.body()).contains("application/json");
    HttpResponse<String> noId = delivery("issues", null, body).send(relay);
    assertThat(noId.statusCode()).isEqualTo(400);
    assertNothingForwarded();
  }

  @Test
  void aTruncatedBodyIs400AndForwardedNowhere() throws Exception {
    String body = closed(PROD_TITLE);
    try (Socket socket = new Socket("127.0.0.1", relay.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /github HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "X-GitHub-Event: issues\r\nX-GitHub-Delivery: cut\r\n"
                  + "X-Hub-Signature-256: "
                  + Fixtures.sign(body)
                  + "\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body.substring(0, body.length() / 2))
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!answer.isEmpty()) {
        assertThat(answer).startsWith("HTTP/1.1 400");
      }
    }
    assertNothingForwarded();
    assertThat(Fixtures.get(relay, "/metrics").body())
        .contains(
            "trafficlight_relay_deliveries_total{action=\"-\",event=\"-\",result=\"truncated\"} 1.0");
  }

  @Test
  void aFormEncodedDeliveryIsVerifiedOverTheRawFormAndForwarded() throws Exception {
    String form = "payload=" + URLEncoder.encode(closed(PROD_TITLE), StandardCharsets.UTF_8);
    HttpResponse<String> answer =
        delivery("issues", "form-1", form)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(relay);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertChecked("production-gate");
  }

  @Test
  void aDeliverySeenBeforeIsNotForwardedAgain() throws Exception {
    String body = closed(PROD_TITLE);
    assertThat(send(relay, "issues", "same-id", body).statusCode()).isEqualTo(200);
    assertThat(send(relay, "issues", "same-id", body).body()).contains("forwarded before");
    assertThat(send(relay, "issues", "same-id", body).statusCode()).isEqualTo(200);
    assertThat(concourse.awaitCalls(2, Duration.ofMillis(500))).hasSize(1);
    // another event: a byte-identical body under another id is a replay (RelayHostileTrafficTest)
    send(relay, "issues", "other-id", closed(PROD_TITLE + " again"));
    assertThat(concourse.awaitCalls(2, Duration.ofSeconds(5))).hasSize(2);
  }

  @Test
  void healthzAndMetricsCountWhatHappenedAndNeverShowASecretOrToken() throws Exception {
    assertThat(Fixtures.get(relay, "/healthz").statusCode()).isEqualTo(200);
    assertThat(Fixtures.get(relay, "/healthz").body()).contains("2 routes");
    send(relay, "issues", closed(PROD_TITLE));
    send(relay, "issues", Fixtures.issues("opened", PROD_TITLE, null));
    send(relay, "ping", "{\"zen\":\"z\"}");
    concourse.awaitCalls(1, Duration.ofSeconds(5));
    Thread.sleep(100);
    HttpResponse<String> metrics = Fixtures.get(relay, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains(
            "trafficlight_relay_deliveries_total{action=\"closed\",event=\"issues\",result=\"forwarded\"} 1.0",
            "trafficlight_relay_deliveries_total{action=\"opened\",event=\"issues\",result=\"ignored\"} 1.0",
            "trafficlight_relay_deliveries_total{action=\"-\",event=\"ping\",result=\"ignored\"} 1.0",
            "trafficlight_relay_forwards_total{result=\"ok\"} 1.0",
            "trafficlight_relay_retries_pending 0.0",
            "trafficlight_relay_response_seconds_count 3")
        .doesNotContain(
            Fixtures.SECRET, Fixtures.QA_TOKEN, Fixtures.PROD_TOKEN, Fixtures.GITHUB_TOKEN);
    assertThat(Fixtures.get(relay, "/nothing").statusCode()).isEqualTo(404);
    assertThat(String.join("\n", log)).doesNotContain(Fixtures.PROD_TOKEN, Fixtures.SECRET);
  }
}
