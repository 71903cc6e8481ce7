package trafficlight.board.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import trafficlight.board.BoardFixture;

/**
 * What the board's HTTP tests share: a seeded localhub with a board over it, a client that follows
 * no redirects, and a person's way through GitHub sign-in.
 */
abstract class BoardWebTest {

  final BoardFixture f = new BoardFixture();
  final HttpClient http = HttpClient.newHttpClient(); // follows no redirects

  @AfterEach
  void stop() {
    f.close();
  }

  HttpResponse<String> get(String url, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String url, String form, String origin, String cookie)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
    if (origin != null) {
      b.header("Origin", origin);
    }
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String setCookie(HttpResponse<?> r) {
    return r.headers().firstValue("Set-Cookie").orElseThrow();
  }

  /** The cookie a response set, as a browser sends it back. */
  static String cookiePair(HttpResponse<?> r) {
    String c = setCookie(r);
    return c.substring(0, c.indexOf(';'));
  }

  static String location(HttpResponse<?> r) {
    return r.headers().firstValue("Location").orElseThrow();
  }

  /** The CSRF token of the page's form. */
  static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("a csrf field in %s", html).isTrue();
    return m.group(1);
  }

  /** The form that promotes myapp's QA, as its confirmation page posts it. */
  String promoteForm(String csrf) {
    return "csrf=" + csrf + "&project=myapp&stage=applications.myapp.QA&issue=" + f.seeded.qa();
  }

  /** The browser's first step: the board's /signin; its session cookie and GitHub's URL. */
  record Started(String cookie, URI authorize) {
    String state() {
      return Web.query(authorize).get("state");
    }
  }

  Started startSignIn(BoardServer s) throws Exception {
    HttpResponse<String> r = get(s.url() + "/signin", null);
    assertThat(r.statusCode()).isEqualTo(303);
    return new Started(cookiePair(r), URI.create(location(r)));
  }

  /** The person on localhub's authorize page: the callback URL GitHub redirects to. */
  String authorizeAs(Started started, String login) throws Exception {
    HttpResponse<String> r =
        post(
            f.gates.hub.baseUrl() + "/login/oauth/authorize",
            started.authorize().getRawQuery() + "&login=" + login,
            null,
            null);
    assertThat(r.statusCode()).isEqualTo(302);
    return location(r);
  }

  /** Signs in as {@code login}; returns the signed-in session's cookie. */
  String signIn(BoardServer s, String login) throws Exception {
    Started started = startSignIn(s);
    HttpResponse<String> back = get(authorizeAs(started, login), started.cookie());
    assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
    assertThat(location(back)).isEqualTo("/");
    return cookiePair(back);
  }
}
