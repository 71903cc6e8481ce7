package trafficlight.board.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import trafficlight.board.BoardFixture;
import trafficlight.board.DeployedGates;
import trafficlight.board.Stage;
import trafficlight.gate.ApprovalRule;

/**
 * The board's GitHub sign-in over real sockets against localhub's OAuth web flow: the state and the
 * code, the session cookie, sign-out, and who may promote.
 */
class BoardSignInTest extends BoardWebTest {

  static Function<Stage, Optional<ApprovalRule>> approvers(String... approvers) {
    ApprovalRule rule = ApprovalRule.of(List.of(approvers), false);
    return stage -> stage.shortName().equals("QA") ? Optional.of(rule) : Optional.empty();
  }

  static final Function<Stage, Optional<ApprovalRule>> NO_RULES = stage -> Optional.empty();

  /** What the board JSON says this viewer may do with myapp's QA stage. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> myappQa(String boardJson) throws Exception {
    Map<String, Object> board = trafficlight.json.Json.parseObject(boardJson);
    for (Object entry : (List<Object>) board.get("promote")) {
      Map<String, Object> m = (Map<String, Object>) entry;
      if (m.get("project").equals("myapp") && m.get("stage").equals("applications.myapp.QA")) {
        return m;
      }
    }
    throw new AssertionError("no myapp QA in " + boardJson);
  }

  /** The board sees nobody signed in with {@code cookie}. */
  void assertSignedOut(BoardServer s, String cookie) throws Exception {
    assertThat(get(s.url() + "/api/board", cookie).body()).doesNotContain("\"signed_in_as\"");
  }

  @Test
  void signingInRedirectsToGitHubWithAStateAndComesBackWithAFreshLaxHttpOnlySession()
      throws Exception {
    BoardServer s = f.startWithSignIn(NO_RULES, null);
    Started started = startSignIn(s);
    assertThat(started.authorize().toString())
        .startsWith(f.gates.hub.baseUrl() + "/login/oauth/authorize?client_id=Iv1.board&");
    Map<String, String> q = Web.query(started.authorize());
    assertThat(q.get("redirect_uri")).isEqualTo(s.url() + "/oauth/callback");
    assertThat(q.get("scope")).isEqualTo("repo");
    assertThat(started.state()).hasSizeGreaterThanOrEqualTo(40);

    String callback = authorizeAs(started, "alice");
    HttpResponse<String> back = get(callback, started.cookie());
    assertThat(back.statusCode()).isEqualTo(303);
    String cookie = setCookie(back);
    assertThat(cookie)
        .startsWith("tl_session=")
        .contains("; HttpOnly")
        .contains("; SameSite=Lax")
        .doesNotContain("Secure");
    assertThat(cookie.substring(0, cookie.indexOf(';')))
        .as("signing in makes a new session id")
        .isNotEqualTo(started.cookie());
    String session = cookiePair(back);

    HttpResponse<String> board = get(s.url() + "/api/board", session);
    assertThat(board.body()).contains("\"signed_in_as\":\"alice\"").doesNotContain("gho_");
    HttpResponse<String> page = get(s.url() + "/", session);
    assertThat(page.body()).contains("Signed in as <b>alice</b>").doesNotContain("gho_");
    assertSignedOut(s, started.cookie()); // the signing-in session is gone
  }

  @Test
  void aStateThatDoesNotMatchTheBrowsersSessionIsRefusedAndWorksOnlyOnce() throws Exception {
    BoardServer s = f.startWithSignIn(NO_RULES, null);
    Started started = startSignIn(s);
    String callback = authorizeAs(started, "alice");

    // the callback without this browser's cookie: someone else's sign-in link
    assertThat(get(callback, null).statusCode()).isEqualTo(403);
    // another browser's session
    Started other = startSignIn(s);
    HttpResponse<String> foreign = get(callback, other.cookie());
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.body()).contains("the state does not match");
    // a forged state spends this session's: the real one no longer works either
    String forged = callback.replace("state=" + started.state(), "state=forged");
    assertThat(get(forged, started.cookie()).statusCode()).isEqualTo(403);
    assertThat(get(callback, started.cookie()).statusCode()).isEqualTo(403);
    assertSignedOut(s, started.cookie());
  }

  @Test
  void aCodeWorksOnceAndGitHubsRefusalIsShownWithoutSecrets() throws Exception {
    BoardServer s = f.startWithSignIn(NO_RULES, null);
    Started first = startSignIn(s);
    String callback = authorizeAs(first, "alice");
    assertThat(get(callback, first.cookie()).statusCode()).isEqualTo(303);
    String code = Web.query(URI.create(callback)).get("code");

    Started second = startSignIn(s);
    String replay = s.url() + "/oauth/callback?code=" + code + "&state=" + second.state();
    HttpResponse<String> refused = get(replay, second.cookie());
    assertThat(refused.statusCode()).isEqualTo(502);
    assertThat(refused.body())
        .contains("bad_verification_code")
        .doesNotContain(code)
        .doesNotContain(BoardFixture.CLIENT_SECRET);
    assertSignedOut(s, second.cookie());

    Started denied = startSignIn(s);
    HttpResponse<String> error =
        get(
            s.url() + "/oauth/callback?error=access_denied&state=" + denied.state(),
            denied.cookie());
    assertThat(error.statusCode()).isEqualTo(403);
    assertThat(error.body()).contains("access_denied");
  }

  @Test
  void signingOutForgetsTheSessionAndNeedsItsCsrfToken() throws Exception {
    BoardServer s = f.startWithSignIn(NO_RULES, null);
    String session = signIn(s, "alice");
    String csrf = csrf(get(s.url() + "/", session).body());
    assertThat(s.sessionCount()).isEqualTo(1);

    assertThat(post(s.url() + "/signout", "csrf=forged", s.url(), session).statusCode())
        .isEqualTo(403);
    assertThat(
            post(s.url() + "/signout", "csrf=" + csrf, "https://evil.example", session)
                .statusCode())
        .isEqualTo(403);
    assertThat(get(s.url() + "/api/board", session).body()).contains("\"signed_in_as\":\"alice\"");

    HttpResponse<String> out = post(s.url() + "/signout", "csrf=" + csrf, s.url(), session);
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(setCookie(out)).startsWith("tl_session=;").contains("Max-Age=0");
    assertThat(s.sessionCount()).isZero();
    assertSignedOut(s, session);
    // the token the board held (as its GET /user sent it) no longer works at GitHub
    String token =
        f.gates.hub.requests().stream()
            .filter(r -> "users/get-authenticated".equals(r.operation()))
            .map(r -> r.headers().get("authorization").get(0).substring("Bearer ".length()))
            .findFirst()
            .orElseThrow();
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(f.gates.hub.baseUrl() + "/user"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(401);
    assertThat(get(s.url() + "/promote?project=myapp&stage=QA", session).statusCode())
        .isEqualTo(403);
  }

  @Test
  void anHttpsPublicUrlMakesTheCookieSecureAndIsTheCallback() throws Exception {
    BoardServer s = f.startWithSignIn(NO_RULES, URI.create("https://board.example.com"));
    HttpResponse<String> r = get(s.url() + "/signin", null);
    assertThat(setCookie(r)).contains("; Secure").contains("; HttpOnly").contains("SameSite=Lax");
    assertThat(Web.query(URI.create(location(r))).get("redirect_uri"))
        .isEqualTo("https://board.example.com/oauth/callback");
  }

  @Test
  void promoteClosesWithThePersonsOwnToken() throws Exception {
    BoardServer s = f.startWithSignIn(approvers("alice"), null);
    String session = signIn(s, "alice");
    assertThat(myappQa(get(s.url() + "/api/board", session).body()).get("allowed")).isEqualTo(true);
    HttpResponse<String> confirm = get(s.url() + "/promote?project=myapp&stage=QA", session);
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body()).contains("You close it as <b>alice</b>").doesNotContain("id=\"by\"");
    String csrf = csrf(confirm.body());

    assertThat(post(s.url() + "/promote", promoteForm("forged"), s.url(), session).statusCode())
        .isEqualTo(403);
    assertThat(post(s.url() + "/promote", promoteForm(csrf), s.url(), null).statusCode())
        .as("the csrf token alone, without the session")
        .isEqualTo(403);
    assertThat(f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).state()).isEqualTo("open");

    HttpResponse<String> done = post(s.url() + "/promote", promoteForm(csrf), s.url(), session);
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(get(s.url() + location(done), session).body()).contains("(as alice)");
    var issue = f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa());
    assertThat(issue.state()).isEqualTo("closed");
    assertThat(issue.closedBy()).isEqualTo("alice");
  }

  @Test
  void someoneTheRuleLeavesOutSeesNoPromoteAndAForgedPostClosesNothing() throws Exception {
    f.gates.hub.createUser("dana");
    f.gates.hub.addOrgMember("acme", "board-bot"); // the board's token reads the team
    f.gates.hub.addTeamMember("acme", "release", "erin"); // the team exists; dana is not in it
    BoardServer s = f.startWithSignIn(approvers("carol", "@acme/release"), null);
    String dana = signIn(s, "dana");
    Map<String, Object> qa = myappQa(get(s.url() + "/api/board", dana).body());
    assertThat(qa.get("allowed")).isEqualTo(false);
    assertThat(qa.get("why_not"))
        .isEqualTo("dana may not promote to Production (approvers: carol, @acme/release)");
    HttpResponse<String> confirm = get(s.url() + "/promote?project=myapp&stage=QA", dana);
    assertThat(confirm.statusCode()).isEqualTo(403);

    String csrf = csrf(get(s.url() + "/", dana).body()); // the sign-out form's: the session's
    HttpResponse<String> forged = post(s.url() + "/promote", promoteForm(csrf), s.url(), dana);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("dana may not promote");
    assertThat(f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).state()).isEqualTo("open");
  }

  @Test
  void anActiveMemberOfAListedTeamMayPromote() throws Exception {
    f.gates.hub.addOrgMember("acme", "board-bot"); // the board's token reads the team
    f.gates.hub.addTeamMember("acme", "release", "erin");
    BoardServer s = f.startWithSignIn(approvers("carol", "@acme/release"), null);
    f.gates.hub.clearRequests();
    String erin = signIn(s, "erin");
    assertThat(f.gates.hub.requests())
        .as(
            "signing in: the person's GET /user and GET /repos (the code exchange is not an API call)")
        .extracting(r -> r.operation())
        .containsExactly("users/get-authenticated", "repos/get");
    f.gates.hub.clearRequests();
    assertThat(myappQa(get(s.url() + "/api/board", erin).body()).get("allowed")).isEqualTo(true);
    for (int i = 0; i < 20; i++) {
      get(s.url() + "/api/board", erin);
    }
    assertThat(f.gates.hub.requests())
        .as("21 views: one team question, then the session's answer until the next refresh")
        .extracting(r -> r.operation())
        .containsExactly("teams/get-membership-for-user-in-org");
    String csrf = csrf(get(s.url() + "/promote?project=myapp&stage=QA", erin).body());
    assertThat(post(s.url() + "/promote", promoteForm(csrf), s.url(), erin).statusCode())
        .isEqualTo(303);
    assertThat(f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).closedBy()).isEqualTo("erin");
  }

  @Test
  void theRuleTheResourceRecordedInTheIssueDecides() throws Exception {
    // the chains say {name: Production, approvers: [alice, "@acme/release"]} for payments and
    // {name: Production, approvers: [alice], forbid_self_approval: true} for ledger; the real
    // resource's put records the rule in the gate issue
    int payments = f.gates.deploy("payments", "QA", "2", DeployedGates.sha('a'), "Charge cards");
    int ledger = f.gates.deploy("ledger", "QA", "3", DeployedGates.sha('b'), "Book refunds");
    f.gates.hub.createUser("dana");
    f.gates.hub.addOrgMember("acme", "board-bot");
    f.gates.hub.addTeamMember("acme", "release", "erin"); // the team exists; dana is not in it
    BoardServer s = f.startWithSignIn(Stage::approvalRule, null);
    s.refresh();
    assertThat(whyNot(s, signIn(s, "dana"), "payments"))
        .isEqualTo("dana may not promote to Production (approvers: alice, @acme/release)");
    assertThat(whyNot(s, signIn(s, "alice"), "payments")).as("an approver").isNull();
    assertThat(whyNot(s, signIn(s, "alice"), "ledger"))
        .as("an approver, but forbid_self_approval cannot tell who wrote the change")
        .isEqualTo(
            "alice may not promote to Production while the deploy records do not name who wrote"
                + " and committed every change (forbid_self_approval)");
    assertThat(f.gates.hub.issue(BoardFixture.REPO, payments).state()).isEqualTo("open");
    assertThat(f.gates.hub.issue(BoardFixture.REPO, ledger).state()).isEqualTo("open");
  }

  @SuppressWarnings("unchecked")
  String whyNot(BoardServer s, String session, String project) throws Exception {
    Map<String, Object> board =
        trafficlight.json.Json.parseObject(get(s.url() + "/api/board", session).body());
    for (Object entry : (List<Object>) board.get("promote")) {
      Map<String, Object> m = (Map<String, Object>) entry;
      if (m.get("project").equals(project)) {
        return (String) m.get("why_not");
      }
    }
    throw new AssertionError("nothing to promote in " + project);
  }

  @Test
  void aTeamTheBoardCannotReadIsSaidAndNeverANo() throws Exception {
    f.gates.hub.addTeamMember("acme", "release", "erin");
    BoardServer s = f.startWithSignIn(approvers("@acme/release"), null);
    Map<String, Object> qa = myappQa(get(s.url() + "/api/board", signIn(s, "erin")).body());
    assertThat(qa.get("allowed")).isEqualTo(false);
    assertThat((String) qa.get("why_not"))
        .startsWith("cannot tell whether erin may promote")
        .contains("read:org");
  }

  @Test
  void signedOutThereIsNoPromoteAndTheBoardsTokenNeverCloses() throws Exception {
    BoardServer s = f.startWithSignIn(NO_RULES, null);
    String board = get(s.url() + "/api/board", null).body();
    assertThat(board)
        .contains("\"sign_in\":true")
        .doesNotContain("\"signed_in_as\"")
        .doesNotContain("\"allowed\":true");
    assertThat(get(s.url() + "/", null).body()).contains("href=\"/signin\"");
    assertThat(get(s.url() + "/promote?project=myapp&stage=QA", null).statusCode()).isEqualTo(403);
    assertThat(post(s.url() + "/promote", promoteForm("x"), s.url(), "tl_csrf=x").statusCode())
        .isEqualTo(403);
    assertThat(f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).state()).isEqualTo("open");
  }

  @Test
  void withoutSignInTheRoutesAreAbsent() throws Exception {
    BoardServer s = f.start(true);
    assertThat(get(s.url() + "/signin", null).statusCode()).isEqualTo(404);
    assertThat(get(s.url() + "/api/board", null).body()).contains("\"sign_in\":false");
  }

  // ---- the Promote dialog picks the build

  static final String A = DeployedGates.sha('a'); // myapp QA's build 3, "Add the login page"
  static final String B = DeployedGates.sha('b'); // build 4, the newest, "Fix the login page"

  String pickForm(String csrf, String commit) {
    return promoteForm(csrf) + "&commit=" + commit;
  }

  List<trafficlight.localhub.Comment> qaComments() {
    return f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).comments();
  }

  @Test
  void theDialogListsTheIssuesBuildsNewestFirstWithTheNewestPicked() throws Exception {
    BoardServer s = f.startWithSignIn(NO_RULES, null);
    String html = get(s.url() + "/promote?project=myapp&stage=QA", signIn(s, "alice")).body();
    assertThat(html)
        .contains(
            "<input type=\"radio\" name=\"commit\" id=\"build-0\" value=\""
                + B
                + "\" checked> <label for=\"build-0\">deploy-qa #4 <code>bbbbbbb</code> Fix the"
                + " login page <span class=\"when\">")
        .contains(
            "<input type=\"radio\" name=\"commit\" id=\"build-1\" value=\""
                + A
                + "\"> <label for=\"build-1\">deploy-qa #3 <code>aaaaaaa</code> Add the login"
                + " page");
    assertThat(html.indexOf("build-0")).isLessThan(html.indexOf("build-1"));
  }

  @Test
  void pickingAnOlderBuildWritesItsPromoteThenClosesAsThePersonAndTheGetShipsIt() throws Exception {
    f.gates.hub.addCollaborator(BoardFixture.REPO, "alice"); // the get honours her /promote
    BoardServer s = f.startWithSignIn(approvers("alice"), null);
    String session = signIn(s, "alice");
    String csrf = csrf(get(s.url() + "/promote?project=myapp&stage=QA", session).body());
    int before = qaComments().size();
    f.gates.hub.clearRequests();

    HttpResponse<String> done = post(s.url() + "/promote", pickForm(csrf, A), s.url(), session);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
    assertThat(f.gates.hub.requests())
        .extracting(r -> r.operation())
        .as("what a plain Promote costs: the directive is the comment's first line")
        .startsWith("issues/get", "issues/list-comments", "issues/create-comment", "issues/update");
    assertThat(get(s.url() + location(done), session).body())
        .contains("closed #" + f.seeded.qa() + " (as alice), approving deploy-qa #3 aaaaaaa<");
    var issue = f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa());
    assertThat(issue.comments()).hasSize(before + 1);
    var comment = issue.comments().get(before);
    assertThat(comment.user()).isEqualTo("alice");
    assertThat(comment.body()).startsWith("/promote " + A + "\n\n").contains("build 3");
    assertThat(issue.state()).isEqualTo("closed");
    assertThat(issue.closedBy()).isEqualTo("alice");

    // the next stage's real get approves that build, and the board says so
    f.gates.hub.clock().advance(java.time.Duration.ofMinutes(2));
    java.nio.file.Path got = f.gates.promote("myapp", "QA", "1");
    assertThat(java.nio.file.Files.readString(got.resolve("commit")).strip()).isEqualTo(A);
    s.refresh();
    String board = get(s.url() + "/api/board", session).body();
    assertThat(board).contains("\"approved\":{\"issue\":" + f.seeded.qa() + ",");
    assertThat(board).contains("\"commit\":\"" + A + "\",\"subject\":\"Add the login page\"");
  }

  @Test
  void pickingTheNewestClosesAsToday() throws Exception {
    BoardServer s = f.startWithSignIn(NO_RULES, null);
    String session = signIn(s, "alice");
    String csrf = csrf(get(s.url() + "/promote?project=myapp&stage=QA", session).body());
    HttpResponse<String> done = post(s.url() + "/promote", pickForm(csrf, B), s.url(), session);
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(qaComments()).last().satisfies(c -> assertThat(c.body()).startsWith("Promoted to"));
    assertThat(f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).closedBy()).isEqualTo("alice");
  }

  @Test
  void aBuildRecordedAfterThePersonLookedIsNotWhatTheirPickApproves() throws Exception {
    BoardServer s = f.startWithSignIn(NO_RULES, null);
    String session = signIn(s, "alice");
    String csrf = csrf(get(s.url() + "/promote?project=myapp&stage=QA", session).body());
    // QA deploys commit c onto the same open issue while the dialog is open
    f.gates.deploy("myapp", "QA", "5", DeployedGates.sha('c'), "Break the login page");
    HttpResponse<String> done = post(s.url() + "/promote", pickForm(csrf, B), s.url(), session);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
    assertThat(qaComments())
        .last()
        .satisfies(c -> assertThat(c.body()).startsWith("/promote " + B));
  }

  @Test
  void aForgedCommitTheIssueDidNotRecordIsRefusedAndNothingIsWritten() throws Exception {
    BoardServer s = f.startWithSignIn(approvers("alice"), null);
    String session = signIn(s, "alice");
    String csrf = csrf(get(s.url() + "/promote?project=myapp&stage=QA", session).body());
    int before = qaComments().size();
    f.gates.hub.clearRequests();

    HttpResponse<String> forged =
        post(s.url() + "/promote", pickForm(csrf, DeployedGates.sha('c')), s.url(), session);
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body())
        .contains("names no recorded build")
        .contains("`bbbbbbb` Fix the login page (deploy-qa #4)")
        .doesNotContain("gho_");
    assertThat(post(s.url() + "/promote", pickForm(csrf, "zz"), s.url(), session).statusCode())
        .as("not a commit at all")
        .isEqualTo(400);
    assertThat(f.gates.hub.requests())
        .extracting(r -> r.method())
        .as("nothing written")
        .containsOnly("GET");
    assertThat(qaComments()).hasSize(before);
    assertThat(f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).state()).isEqualTo("open");
    // the CSRF check still comes first
    assertThat(post(s.url() + "/promote", pickForm("forged", A), s.url(), session).statusCode())
        .isEqualTo(403);
  }

  @Test
  void withoutSignInTheBoardsTokenWritesThePickedBuild() throws Exception {
    BoardServer s = f.start(true);
    HttpResponse<String> confirm = get(s.url() + "/promote?project=myapp&stage=QA", null);
    assertThat(confirm.body()).contains("value=\"" + A + "\"");
    String cookie = cookiePair(confirm);
    String csrf = csrf(confirm.body());
    HttpResponse<String> forged =
        post(s.url() + "/promote", pickForm(csrf, "cccccccc"), s.url(), cookie);
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).state()).isEqualTo("open");

    HttpResponse<String> done = post(s.url() + "/promote", pickForm(csrf, A), s.url(), cookie);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
    assertThat(qaComments())
        .last()
        .satisfies(
            c -> {
              assertThat(c.user()).isEqualTo("board-bot");
              assertThat(c.body()).startsWith("/promote " + A + "\n");
            });
    assertThat(f.gates.hub.issue(BoardFixture.REPO, f.seeded.qa()).closedBy())
        .isEqualTo("board-bot");
  }
}
