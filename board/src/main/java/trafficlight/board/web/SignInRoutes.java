package trafficlight.board.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import trafficlight.github.Credentials;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.GitHubException;
import trafficlight.github.OAuthWebFlow;
import trafficlight.github.RepositoryName;
import trafficlight.github.RetryPolicy;

/**
 * {@code /signin}, {@code /oauth/callback} and {@code /signout}: GitHub's OAuth web application
 * flow for the board.
 *
 * <ol>
 *   <li>{@code GET /signin} gives the browser a session (cookie {@code HttpOnly}, {@code
 *       SameSite=Lax} so that it comes back with GitHub's redirect, {@code Secure} behind https)
 *       that expects a new random {@code state}, and redirects to GitHub's authorize page.
 *   <li>{@code GET /oauth/callback?code&state}: the state must be the one this browser's session
 *       expects (once, within ten minutes), else nothing happens. The code is exchanged for the
 *       person's token, {@code GET /user} names them and {@code GET /repos/{o}/{r}} says what they
 *       may do; a new session (a new id) holds all that in memory.
 *   <li>{@code POST /signout} (the session's CSRF token, from the board's origin) forgets the
 *       session and the token, and revokes the token at GitHub.
 * </ol>
 *
 * No code, token or secret is logged or shown; failures say what happened and to sign in again.
 */
final class SignInRoutes {
  private final SignIn signIn;
  private final Sessions sessions;
  private final GitHubEndpoint api;
  private final RepositoryName repository;
  private final Supplier<String> boardUrl;
  private final OwnPages ownPages;
  private final Consumer<String> log;

  SignInRoutes(
      SignIn signIn,
      Sessions sessions,
      GitHubEndpoint api,
      RepositoryName repository,
      Supplier<String> boardUrl,
      OwnPages ownPages,
      Consumer<String> log) {
    this.signIn = signIn;
    this.sessions = sessions;
    this.api = api;
    this.repository = repository;
    this.boardUrl = boardUrl;
    this.ownPages = ownPages;
    this.log = log;
  }

  void handle(HttpExchange ex, String path, Sessions.Session session) throws IOException {
    switch (path) {
      case "/signin" -> start(ex, session);
      case "/signout" -> signOut(ex, session);
      default -> callback(ex, session);
    }
  }

  String callbackUrl() {
    String base = signIn.publicUrl() == null ? boardUrl.get() : signIn.publicUrl().toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
        + SignIn.CALLBACK_PATH;
  }

  private void start(HttpExchange ex, Sessions.Session session) throws IOException {
    if (!get(ex)) {
      return;
    }
    if (session != null && session.signedIn()) {
      Web.redirect(ex, "/");
      return;
    }
    Sessions.Session signingIn = sessions.startSignIn(session);
    if (signingIn == null) {
      Web.html(
          ex,
          503,
          Html.message("Try again later", "The board holds too many sessions; try again later."));
      return;
    }
    setCookie(ex, signingIn.id, Sessions.SIGN_IN_WINDOW);
    Web.redirect(
        ex,
        signIn
            .flow()
            .authorizeUrl(callbackUrl(), Sessions.expectedState(signingIn), signIn.scope())
            .toString());
  }

  private void callback(HttpExchange ex, Sessions.Session session) throws IOException {
    if (!get(ex)) {
      return;
    }
    Map<String, String> q = Web.query(ex.getRequestURI());
    if (session == null || session.signedIn() || !sessions.takeState(session, q.get("state"))) {
      Web.html(
          ex,
          403,
          Html.message(
              "Sign-in refused",
              "This sign-in was not started from this browser, was already used or took longer"
                  + " than ten minutes (the state does not match): sign in again."));
      return;
    }
    if (q.get("error") != null) {
      Web.html(
          ex,
          403,
          Html.message(
              "Not signed in",
              "GitHub did not sign you in ("
                  + q.get("error")
                  + (q.get("error_description") == null ? "" : ": " + q.get("error_description"))
                  + "). Sign in again, or ask the board's operator to check the OAuth App's"
                  + " callback URL: "
                  + callbackUrl()));
      return;
    }
    String token;
    try {
      token = signIn.flow().exchange(q.getOrDefault("code", ""), callbackUrl());
    } catch (OAuthWebFlow.Refused e) {
      log.accept("board: sign-in failed: " + e.getMessage());
      Web.html(ex, 502, Html.message("Not signed in", e.getMessage() + ": sign in again."));
      return;
    }
    GitHubClient github =
        new GitHubClient(
            api, new Credentials.Token(token), Duration.ofSeconds(30), RetryPolicy.DEFAULT, log);
    String login;
    try {
      login = github.authenticatedLogin();
    } catch (GitHubException e) {
      github.close();
      log.accept("board: sign-in failed: " + e.getMessage());
      Web.html(
          ex,
          502,
          Html.message("Not signed in", "GitHub did not say who you are: " + e.getMessage()));
      return;
    }
    RepositoryPermissions.Answer permission =
        RepositoryPermissions.check(api, repository, token, Duration.ofSeconds(30));
    Sessions.Session signedIn =
        sessions.signedIn(session, new Sessions.Person(login, github, permission, token));
    log.accept("board: " + login + " signed in (" + permission.why() + ")");
    setCookie(ex, signedIn.id, Sessions.LIFETIME);
    Web.redirect(ex, "/");
  }

  private void signOut(HttpExchange ex, Sessions.Session session) throws IOException {
    if (!"POST".equals(ex.getRequestMethod())) {
      Web.send(ex, 405, "text/plain", "POST only (the board's Sign out button)");
      return;
    }
    if (!ownPages.sent(ex)) {
      Web.send(ex, 403, "text/plain", "cross-site request refused");
      return;
    }
    if (session != null && !Web.same(session.csrf, Web.form(ex).get("csrf"))) {
      Web.send(ex, 403, "text/plain", "missing or wrong CSRF token: reload the board");
      return;
    }
    if (session != null) {
      sessions.forget(session);
      if (session.signedIn()) {
        try {
          signIn.flow().revoke(api, session.person.token());
          log.accept("board: " + session.login() + " signed out, token revoked");
        } catch (OAuthWebFlow.Refused e) {
          log.accept(
              "board: "
                  + session.login()
                  + " signed out; the token is forgotten but GitHub did not revoke it: "
                  + e.getMessage());
        }
      }
    }
    ex.getResponseHeaders().add("Set-Cookie", cookie("", Duration.ZERO));
    Web.redirect(ex, "/?" + Flash.SIGNED_OUT);
  }

  private void setCookie(HttpExchange ex, String value, Duration maxAge) {
    ex.getResponseHeaders().add("Set-Cookie", cookie(value, maxAge));
  }

  private String cookie(String value, Duration maxAge) {
    return BoardServer.SESSION_COOKIE
        + "="
        + value
        + "; Path=/; HttpOnly; SameSite=Lax; Max-Age="
        + maxAge.toSeconds()
        + (signIn.secureCookies() ? "; Secure" : "");
  }

  private static boolean get(HttpExchange ex) throws IOException {
    if (!"GET".equals(ex.getRequestMethod())) {
      Web.send(ex, 405, "text/plain", "GET only");
      return false;
    }
    return true;
  }
}
