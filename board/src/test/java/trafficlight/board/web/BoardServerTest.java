package trafficlight.board.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import trafficlight.board.BoardFixture;
import trafficlight.board.Light;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.RepositoryName;

/** The board's HTTP surface: JSON, cache, CSRF, confirmation, read-only. */
class BoardServerTest extends BoardWebTest {

  HttpResponse<String> get(BoardServer s, String path) throws Exception {
    return get(s.url() + path, null);
  }

  HttpResponse<String> post(BoardServer s, String form, String origin, String cookie)
      throws Exception {
    return post(s.url() + "/promote", form, origin, cookie);
  }

  @Test
  void viewersCostGitHubNothingAndAnUnchangedRefreshIsOnly304s() throws Exception {
    BoardServer s = f.start(true);
    s.refresh(); // settles the since= URL
    f.gates.hub.clearRequests();
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r = get(s, "/api/board");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"light\":\"amber\"").contains("\"can_promote\":true");
    }
    assertThat(f.gates.hub.requests()).isEmpty();
    s.refresh();
    // one listing for the lights, one for the flow figures (which read every issue's comments)
    assertThat(f.gates.hub.requests())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(304));

    HttpResponse<String> page = get(s, "/");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("frame-ancestors 'none'");
    assertThat(page.body()).contains("acme/deploy-gates");
    assertThat(get(s, "/api/where?commit=bbbbbbb").body()).contains("close #" + f.seeded.qa());
    assertThat(get(s, "/api/where?commit=zz").statusCode()).isEqualTo(400);
  }

  @Test
  void promoteNeedsTheConfirmationsCsrfTokenAndOurOrigin() throws Exception {
    BoardServer s = f.start(true);
    HttpResponse<String> confirm = get(s, "/promote?project=myapp&stage=QA");
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body())
        .contains("Promote myapp QA to Production?")
        .contains("#" + f.seeded.qa());
    assertThat(setCookie(confirm)).contains("HttpOnly").contains("SameSite=Strict");
    String cookie = cookiePair(confirm);
    String csrf = csrf(confirm.body());
    String form = promoteForm(csrf);

    assertThat(post(s, form, s.url(), null).statusCode()).isEqualTo(403); // no cookie
    assertThat(post(s, form.replace(csrf, "forged"), s.url(), cookie).statusCode()).isEqualTo(403);
    assertThat(post(s, form, "https://evil.example", cookie).statusCode()).isEqualTo(403);
    assertThat(post(s, form, null, cookie).statusCode()).isEqualTo(403); // no Origin nor Referer
    assertThat(f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).state()).isEqualTo("open");

    HttpResponse<String> done = post(s, form, s.url(), cookie);
    assertThat(done.statusCode()).isEqualTo(303);
    String location = done.headers().firstValue("Location").orElseThrow();
    assertThat(location).isEqualTo("/?flash=promoted&issue=" + f.seeded.qa());
    assertThat(get(s, location).body())
        .contains("Promoted myapp QA to Production: closed #" + f.seeded.qa() + "<");
    assertThat(f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).state()).isEqualTo("closed");
    assertThat(s.board().project("myapp").orElseThrow().stage("QA").orElseThrow().light())
        .isEqualTo(Light.GREEN);

    // the same form again: nothing waits now
    HttpResponse<String> again = post(s, form, s.url(), cookie);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("nothing waits for promotion in myapp QA");
  }

  @Test
  void readOnlyBoardsOfferNoPromotion() throws Exception {
    BoardServer s = f.start(false);
    assertThat(get(s, "/api/board").body()).contains("\"can_promote\":false");
    assertThat(get(s, "/promote?project=myapp&stage=QA").statusCode()).isEqualTo(403);
    assertThat(post(s, "csrf=x", s.url(), "tl_csrf=x").statusCode()).isEqualTo(403);
  }

  @Test
  void permissionsComeFromTheRepository() throws Exception {
    GitHubEndpoint endpoint = GitHubEndpoint.parse(f.gates.hub.baseUrl());
    RepositoryName repo = RepositoryName.parse(BoardFixture.REPO);
    assertThat(
            RepositoryPermissions.check(endpoint, repo, f.gates.token, Duration.ofSeconds(5))
                .canClose())
        .isTrue();
    assertThat(
            RepositoryPermissions.fromRepository(
                    "{\"permissions\":{\"admin\":false,\"push\":false,\"triage\":false,\"pull\":true}}")
                .canClose())
        .isFalse();
    assertThat(
            RepositoryPermissions.fromRepository("{\"permissions\":{\"triage\":true}}").canClose())
        .isTrue();
    assertThat(RepositoryPermissions.fromRepository("{\"id\":1}").canClose()).isFalse();
    assertThat(RepositoryPermissions.check(endpoint, repo, null, Duration.ofSeconds(5)).canClose())
        .isFalse();
  }
}
