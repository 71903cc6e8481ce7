package trafficlight.board.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import trafficlight.board.BoardFixture;
import trafficlight.server.HttpFront;
import trafficlight.server.RawHttp;
import trafficlight.server.SlowClients;

/**
 * A board on loopback that promotes with its own token, against DNS rebinding, slow clients and
 * spoofed flash messages.
 */
@Timeout(90)
class BoardHostileTrafficTest {

  final BoardFixture f = new BoardFixture();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void aRebindingPageGetsNoContentAndClosesNothing() throws Exception {
    BoardServer s = f.start(true);
    int port = URI.create(s.url()).getPort();
    String evil = "rebind.evil.example:" + port;

    String board = raw(port, "GET /api/board HTTP/1.1\r\nHost: " + evil + "\r\n\r\n");
    assertThat(board).startsWith("HTTP/1.1 421").doesNotContain("deploy-gates");

    // the confirmation page, as the rebinding page would load it for its CSRF token and cookie
    String confirm =
        raw(port, "GET /promote?project=myapp&stage=QA HTTP/1.1\r\nHost: " + evil + "\r\n\r\n");
    assertThat(confirm).startsWith("HTTP/1.1 421").doesNotContain("csrf").doesNotContain("Set-");

    // with a real token and cookie from our own page, posted under the foreign Host and Origin
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(s.url() + "/promote?project=myapp&stage=QA")).build(),
            HttpResponse.BodyHandlers.ofString());
    String setCookie = page.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(m.find()).isTrue();
    String form =
        "csrf=" + m.group(1) + "&project=myapp&stage=applications.myapp.QA&issue=" + f.seeded.qa();
    String promote = post(port, evil, "http://" + evil, cookie, form);
    assertThat(promote).startsWith("HTTP/1.1 421").doesNotContain("Location");

    // the Host of our own, but the Origin of the rebinding page: cross-site
    String crossSite = post(port, "127.0.0.1:" + port, "http://" + evil, cookie, form);
    assertThat(crossSite).startsWith("HTTP/1.1 403");
    // another application on this machine is another origin too
    assertThat(post(port, "localhost:" + port, "http://localhost:1", cookie, form))
        .startsWith("HTTP/1.1 403");
    assertThat(f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).state()).isEqualTo("open");

    assertThat(raw(port, "GET /healthz HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n"))
        .startsWith("HTTP/1.1 200");
    assertThat(get(s, "/metrics").body())
        .contains("trafficlight_board_foreign_host_requests_total 3.0");
  }

  @Test
  void twelveUnfinishedRequestsNeitherStarveHealthzNorStayOpen() throws Exception {
    BoardServer s = f.start(true);
    int port = URI.create(s.url()).getPort();
    try (SlowClients slow = SlowClients.open(port, 12, "127.0.0.1:" + port, "/promote")) {
      Thread.sleep(300);
      long started = System.nanoTime();
      assertThat(get(s, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(s, "/api/board").statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

      Duration wait = Duration.ofMillis(HttpFront.requestLimitMillis()).plusSeconds(4);
      assertThat(slow.closedByServer(wait)).isEqualTo(12);
    }
    String counted = "trafficlight_board_connections_dropped_total{reason=\"timed_out\"} 12.0";
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (!get(s, "/metrics").body().contains(counted) && System.nanoTime() < deadline) {
      Thread.sleep(50); // a handler thread counts just after the client sees the close
    }
    assertThat(get(s, "/metrics").body()).contains(counted);
  }

  @Test
  void aFlashIsAKeyTheBoardPutsInWordsNeverTextFromTheUrl() throws Exception {
    BoardServer s = f.start(true);
    assertThat(get(s, "/?flash=Your+session+expired%3A+sign+in+at+evil.example").body())
        .doesNotContain("evil.example")
        .doesNotContain("session expired")
        .contains("class=\"hidden\"");
    assertThat(get(s, "/?flash=signed-out").body()).contains(">Signed out<");
    assertThat(get(s, "/?flash=promoted&issue=" + f.seeded.qa()).body())
        .contains(">Promoted myapp QA to Production: closed #" + f.seeded.qa() + "<");
    assertThat(get(s, "/?flash=promoted&issue=1%3Cb%3E").body()).contains("class=\"hidden\"");
    assertThat(get(s, "/?flash=promoted&issue=" + f.seeded.qa() + "&build=evil.example").body())
        .doesNotContain("evil.example")
        .doesNotContain("approving");
  }

  private HttpResponse<String> get(BoardServer s, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(s.url() + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String post(int port, String host, String origin, String cookie, String form)
      throws IOException {
    return raw(
        port,
        "POST /promote HTTP/1.1\r\nHost: "
            + host
            + "\r\nOrigin: "
            + origin
            + "\r\nCookie: "
            + cookie
            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
            + form.getBytes(StandardCharsets.UTF_8).length
            + "\r\n\r\n"
            + form);
  }

  private static String raw(int port, String request) throws IOException {
    return RawHttp.exchange(port, request, Duration.ofSeconds(10));
  }
}
