package trafficlight.board.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import trafficlight.board.Board;
import trafficlight.board.GateReader;
import trafficlight.board.Promotion;
import trafficlight.board.Stage;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;

/**
 * {@code /promote}: a confirmation page listing the waiting issue's builds to pick from, then a
 * POST that closes the issue, first writing a {@code /promote} of the picked build when it is not
 * the newest ({@link Promotion#promotePicked}); a commit the issue did not record is refused. With
 * sign-in, only for a signed-in person {@link PromoteAccess} allows, with their own token and the
 * session's CSRF token; without, when the board promotes at all, with the board's token and a CSRF
 * token that must match a {@code SameSite=Strict} cookie. Either way the POST must come from the
 * board's own origin.
 *
 * @param github the board's own client, used to promote only without sign-in
 * @param githubLock serializes use of {@code github}
 * @param config whether sign-in is on, whether the board promotes with its token without it, its
 *     log and what reacts to the gate events a promotion sends
 * @param ownPages the pages a POST may come from
 * @param refresh reads the board again after a promotion
 */
record PromoteRoutes(
    Supplier<Board> boards,
    GateReader reader,
    GitHubClient github,
    Object githubLock,
    BoardServer.Config config,
    OwnPages ownPages,
    PromoteAccess access,
    Runnable refresh) {
  private static final String CSRF_COOKIE = "tl_csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Whether the viewer may promote this stage; null when there is nothing to promote there (or,
   * without sign-in, when the board does not promote).
   */
  PromoteAccess.Verdict verdict(Sessions.Session session, Stage stage, boolean fresh) {
    if (stage.finalStage() || stage.latest() == null || !stage.latest().isOpen()) {
      return null;
    }
    if (config.signIn() == null) {
      return config.canPromote() ? new PromoteAccess.Verdict(true, null, null) : null;
    }
    if (session == null || !session.signedIn()) {
      return new PromoteAccess.Verdict(false, "sign in to promote", null);
    }
    return fresh ? access.decide(session, stage) : access.verdict(session, stage);
  }

  /**
   * Whether this viewer may go on towards a promotion (with sign-in: signed in; without: the board
   * promotes); when not, the answer has been sent.
   */
  private boolean mayTry(HttpExchange ex, Sessions.Session session) throws IOException {
    if (config.signIn() == null) {
      if (!config.canPromote()) {
        Web.send(ex, 403, "text/plain", "this board is read-only");
        return false;
      }
      return true;
    }
    if (session == null || !session.signedIn()) {
      Web.html(
          ex,
          403,
          Html.message("Sign in to promote", "Promoting needs you to sign in with GitHub first."));
      return false;
    }
    return true;
  }

  void confirm(HttpExchange ex, Sessions.Session session) throws IOException {
    Board board = boards.get();
    if (!mayTry(ex, session)) {
      return;
    }
    Map<String, String> q = Web.query(ex.getRequestURI());
    Stage stage;
    try {
      stage = Promotion.waiting(board, q.getOrDefault("project", ""), q.getOrDefault("stage", ""));
    } catch (Promotion.Refused e) {
      Web.html(ex, 409, Html.message("Nothing to promote", e.getMessage()));
      return;
    }
    String csrf;
    if (session != null) {
      PromoteAccess.Verdict v = verdict(session, stage, true);
      if (!v.allowed()) {
        Web.html(ex, 403, Html.message("You may not promote", v.why()));
        return;
      }
      csrf = session.csrf;
    } else {
      String refusal;
      synchronized (githubLock) {
        refusal = Promotion.refusal(github, stage);
      }
      if (refusal != null) {
        // the board's own token would close it, and that close would not count
        Web.html(ex, 403, Html.message("The board may not promote", refusal));
        return;
      }
      csrf = token();
      ex.getResponseHeaders()
          .add(
              "Set-Cookie",
              CSRF_COOKIE + "=" + csrf + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600");
    }
    Web.html(ex, 200, Html.confirmation(stage, csrf, session == null ? null : session.login()));
  }

  void promote(HttpExchange ex, Sessions.Session session) throws IOException {
    Board board = boards.get();
    if (!mayTry(ex, session)) {
      return;
    }
    if (!ownPages.sent(ex)) {
      Web.send(ex, 403, "text/plain", "cross-site request refused");
      return;
    }
    Map<String, String> form = Web.form(ex);
    String expected = session != null ? session.csrf : Web.cookie(ex, CSRF_COOKIE);
    if (!Web.same(expected, form.get("csrf"))) {
      Web.send(
          ex, 403, "text/plain", "missing or wrong CSRF token: open the confirmation page again");
      return;
    }
    String project = form.getOrDefault("project", "");
    String stageName = form.getOrDefault("stage", "");
    String commit = form.get("commit");
    if (commit != null && commit.isBlank()) {
      commit = null; // the newest build, when it recorded no commit
    }
    Promotion.Result result;
    try {
      Stage stage = Promotion.waiting(board, project, stageName);
      if (!String.valueOf(stage.latest().number()).equals(form.get("issue"))) {
        throw new Promotion.Refused(
            "the waiting issue changed since you confirmed (now #"
                + stage.latest().number()
                + "): confirm again");
      }
      if (session != null) {
        PromoteAccess.Verdict v = verdict(session, stage, true);
        if (!v.allowed()) {
          config.log().accept("board: refused a promotion by " + session.login() + ": " + v.why());
          Web.html(ex, 403, Html.message("You may not promote", v.why()));
          return;
        }
      }
      // with sign-in, the person's own token: GitHub records them as the closer, and their
      // permission holds
      GitHubClient client = session != null ? session.person.github() : github;
      Promotion.Request request =
          new Promotion.Request(
              project,
              stageName,
              session != null ? session.login() : null,
              "the trafficlight board",
              commit);
      synchronized (session != null ? session : githubLock) {
        result =
            Promotion.promotePicked(client, reader.repository(), board, request, config.events());
      }
      synchronized (githubLock) {
        reader.invalidate();
      }
    } catch (Promotion.NotRecorded e) {
      // the message quotes what was posted: no line breaks of a forger's into the log
      config
          .log()
          .accept("board: refused a promotion: " + e.getMessage().replaceAll("\\p{Cntrl}", "?"));
      Web.html(ex, 400, Html.message("Not promoted", e.getMessage()));
      return;
    } catch (Promotion.Refused e) {
      refresh.run();
      Web.html(ex, 409, Html.message("Not promoted", e.getMessage()));
      return;
    } catch (GitHubException e) {
      Web.html(ex, 502, Html.message("GitHub refused", e.getMessage()));
      return;
    }
    refresh.run();
    if (session == null) {
      ex.getResponseHeaders()
          .add("Set-Cookie", CSRF_COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    }
    Web.redirect(ex, "/?" + Flash.promoted(result, session != null));
  }

  private static String token() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
