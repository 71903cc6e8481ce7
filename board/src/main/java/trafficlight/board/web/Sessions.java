package trafficlight.board.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import trafficlight.github.GitHubClient;

/**
 * The board's sessions, in this process's memory only, keyed by an unguessable id that the browser
 * holds in an {@code HttpOnly} cookie. A session first waits for a sign-in (the OAuth {@code state}
 * it expects, good once and for {@link #SIGN_IN_WINDOW}); once signed in it holds the person's
 * login, a GitHub client with their token (which never leaves this process) and the CSRF token its
 * forms carry. Signing in makes a new session (a fresh id), and signing out or expiry closes its
 * client and forgets the token.
 */
final class Sessions {
  static final Duration SIGN_IN_WINDOW = Duration.ofMinutes(10);
  static final Duration LIFETIME = Duration.ofHours(12);

  /** Sessions kept at most, so that a flood of sign-in starts cannot fill the memory. */
  static final int MAX = 10_000;

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Map<String, Session> byId = new ConcurrentHashMap<>();

  /**
   * Who signed in, as read at sign-in.
   *
   * @param github a client with their token
   * @param permission their permission on the gate repository
   * @param token their token, for revoking it at sign-out; never shown or logged
   */
  record Person(
      String login, GitHubClient github, RepositoryPermissions.Answer permission, String token) {
    @Override
    public String toString() {
      return "Person[" + login + "]";
    }
  }

  /** One browser's session. */
  static final class Session {
    final String id;
    final String csrf;
    final Instant expiresAt;

    /** Who signed in; null while signing in. */
    final Person person;

    private String expectedState;
    private Instant stateUntil;

    /** Per stage and issue: whether this person may promote, and until when that is believed. */
    final Map<String, PromoteAccess.Verdict> verdicts = new LinkedHashMap<>();

    private Session(String id, String csrf, Instant expiresAt, Person person) {
      this.id = id;
      this.csrf = csrf;
      this.expiresAt = expiresAt;
      this.person = person;
    }

    boolean signedIn() {
      return person != null;
    }

    /** The signed-in person's login, or null while signing in. */
    String login() {
      return person == null ? null : person.login();
    }

    @Override
    public String toString() {
      return "Session[" + (person == null ? "signing in" : person.login()) + "]";
    }
  }

  Sessions(Clock clock) {
    this.clock = clock;
  }

  /** The live session with this id, or null (unknown, expired: an expired one is forgotten). */
  Session find(String id) {
    if (id == null) {
      return null;
    }
    Session s = byId.get(id);
    if (s != null && !clock.instant().isBefore(s.expiresAt)) {
      forget(s);
      return null;
    }
    return s;
  }

  /**
   * Starts a sign-in: the session (a new one when there is none) now expects a new {@code state},
   * returned. Null when the board holds {@link #MAX} sessions even after forgetting expired ones.
   */
  synchronized Session startSignIn(Session current) {
    Session s = current;
    if (s == null || s.signedIn()) {
      if (!room()) {
        return null;
      }
      s = new Session(token(), token(), clock.instant().plus(SIGN_IN_WINDOW), null);
      byId.put(s.id, s);
    }
    synchronized (s) {
      s.expectedState = token();
      s.stateUntil = clock.instant().plus(SIGN_IN_WINDOW);
    }
    return s;
  }

  /** The state a session's sign-in expects, for the redirect to GitHub. */
  static String expectedState(Session s) {
    synchronized (s) {
      return s.expectedState;
    }
  }

  /**
   * Whether {@code state} is the one this session expects, unexpired; either way the session
   * expects none afterwards (a state works once).
   */
  boolean takeState(Session s, String state) {
    synchronized (s) {
      String expected = s.expectedState;
      Instant until = s.stateUntil;
      s.expectedState = null;
      s.stateUntil = null;
      return expected != null && clock.instant().isBefore(until) && Web.same(expected, state);
    }
  }

  /** Replaces the signing-in session by a signed-in one, under a new id. */
  synchronized Session signedIn(Session signingIn, Person person) {
    if (signingIn != null) {
      byId.remove(signingIn.id);
    }
    Session s = new Session(token(), token(), clock.instant().plus(LIFETIME), person);
    byId.put(s.id, s);
    return s;
  }

  /** Forgets the session and the person's token. */
  void forget(Session s) {
    if (s != null && byId.remove(s.id, s) && s.person != null) {
      s.person.github().close();
    }
  }

  int size() {
    return byId.size();
  }

  /** Forgets every session (the board stops). */
  void clear() {
    for (Session s : byId.values()) {
      forget(s);
    }
  }

  private boolean room() {
    if (byId.size() < MAX) {
      return true;
    }
    Instant now = clock.instant();
    for (Iterator<Session> it = byId.values().iterator(); it.hasNext(); ) {
      Session s = it.next();
      if (!now.isBefore(s.expiresAt)) {
        forget(s);
      }
    }
    return byId.size() < MAX;
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
