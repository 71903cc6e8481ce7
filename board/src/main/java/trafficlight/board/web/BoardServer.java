package trafficlight.board.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import trafficlight.board.Ancestry;
import trafficlight.board.Board;
import trafficlight.board.BoardJson;
import trafficlight.board.Build;
import trafficlight.board.GateReader;
import trafficlight.board.Project;
import trafficlight.board.Promotion;
import trafficlight.board.Stage;
import trafficlight.board.Texts;
import trafficlight.board.Where;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.Approver;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;

/**
 * The board's web page: a grid of projects x stages with their lights, a commit search and a
 * Promote button with a confirmation step.
 *
 * <p>One refresher thread reads GitHub every {@code refresh} with the board's own token
 * (conditional requests through the client's response cache: a refresh that finds nothing new costs
 * no rate limit); viewers read the last board from memory, so their number costs GitHub nothing.
 *
 * <p>Who promotes: with {@link SignIn}, a person signs in with GitHub and Promote closes the issue
 * with their own token, offered only when {@link PromoteAccess} says they may; the board's token
 * only reads. Without sign-in (a loopback bind, see {@link BoardSafety}), Promote closes with the
 * board's token when {@code canPromote}. Promotions are POSTs from the board's own origin carrying
 * a CSRF token: the session's, or without sign-in one that must match a {@code SameSite=Strict}
 * cookie.
 */
public final class BoardServer implements AutoCloseable {

  /**
   * How the board runs.
   *
   * @param bind the address to listen on ({@code 127.0.0.1}: this machine only)
   * @param port 0 for any free one
   * @param canPromote without sign-in: whether to offer promotion with the board's token (see
   *     {@link RepositoryPermissions}); ignored with sign-in
   * @param signIn GitHub sign-in, or null for none
   * @param rules the approvers rule of a stage, when it has one: {@link Stage#approvalRule()}, as
   *     its deploy records carry it (tests may give their own)
   */
  public record Config(
      String bind,
      int port,
      Duration refresh,
      boolean canPromote,
      Consumer<String> log,
      SignIn signIn,
      Function<Stage, Optional<ApprovalRule>> rules) {

    /** No sign-in. */
    public Config(
        String bind, int port, Duration refresh, boolean canPromote, Consumer<String> log) {
      this(bind, port, refresh, canPromote, log, null, Stage::approvalRule);
    }
  }

  private static final String CSRF_COOKIE = "tl_csrf";
  static final String SESSION_COOKIE = "tl_session";

  private final GitHubClient github;
  private final GateReader reader;

  /** Kept for the server's life: compare answers between full SHAs never change. */
  private final Ancestry ancestry;

  private final Config config;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final ScheduledExecutorService refresher;
  private final Object githubLock = new Object();
  private final SecureRandom random = new SecureRandom();
  private final Sessions sessions = new Sessions(Clock.systemUTC());
  private final PromoteAccess access;
  private final SignInRoutes signInRoutes;

  private volatile Board board;
  private volatile String lastError;

  private BoardServer(GitHubClient github, GateReader reader, Config config) throws IOException {
    this.github = github;
    this.reader = reader;
    this.ancestry = new Ancestry(github, null);
    this.config = config;
    this.access =
        new PromoteAccess(
            config.rules(), this::isActiveMember, Clock.systemUTC(), config.refresh());
    this.server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 64);
    this.signInRoutes =
        config.signIn() == null
            ? null
            : new SignInRoutes(
                config.signIn(),
                sessions,
                github.endpoint(),
                reader.repository(),
                this::url,
                config.log());
    this.handlers = Executors.newFixedThreadPool(4);
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "board-refresh");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
  }

  /** Reads the board once, then serves it and refreshes it in the background. */
  public static BoardServer start(GitHubClient github, GateReader reader, Config config)
      throws IOException {
    BoardServer s = new BoardServer(github, reader, config);
    s.refresh();
    s.server.start();
    long every = Math.max(1, config.refresh().toMillis());
    s.refresher.scheduleWithFixedDelay(s::refresh, every, every, TimeUnit.MILLISECONDS);
    return s;
  }

  /** {@code http://HOST:PORT}. */
  public String url() {
    String host = config.bind().equals("0.0.0.0") ? "127.0.0.1" : config.bind();
    return "http://" + host + ":" + server.getAddress().getPort();
  }

  public Board board() {
    return board;
  }

  /** How many sessions the board holds (signing in or signed in). */
  public int sessionCount() {
    return sessions.size();
  }

  /** Reads GitHub now (what the refresher does on its schedule). */
  public void refresh() {
    try {
      Board read;
      synchronized (githubLock) {
        read = reader.read();
      }
      board = read;
      lastError = null;
    } catch (GitHubException | IllegalStateException e) {
      lastError = e.getMessage();
      config.log().accept("board refresh failed: " + e.getMessage());
    } catch (RuntimeException e) {
      lastError = "refresh failed: " + e;
      config.log().accept("board refresh failed: " + e);
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    server.stop(0);
    handlers.shutdownNow();
    sessions.clear();
  }

  // ---- routing

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      switch (path) {
        case "/" -> page(ex, method);
        case "/board.js", "/board.css" -> asset(ex, path.substring(1));
        case "/api/board" -> Web.json(ex, 200, boardJson(session(ex)));
        case "/api/where" -> where(ex);
        case "/promote" -> {
          if ("POST".equals(method)) {
            promote(ex);
          } else {
            confirm(ex);
          }
        }
        case "/signin", SignIn.CALLBACK_PATH, "/signout" -> {
          if (signInRoutes == null) {
            Web.send(ex, 404, "text/plain", "sign-in is not set up on this board");
          } else {
            signInRoutes.handle(ex, path, session(ex));
          }
        }
        case "/healthz" -> Web.send(ex, 200, "text/plain", lastError == null ? "ok" : lastError);
        default -> Web.send(ex, 404, "text/plain", "not found");
      }
    } catch (RuntimeException e) {
      config.log().accept("board: " + e);
      Web.send(ex, 500, "text/plain", "internal error");
    }
  }

  private Sessions.Session session(HttpExchange ex) {
    return signInRoutes == null ? null : sessions.find(Web.cookie(ex, SESSION_COOKIE));
  }

  private void page(HttpExchange ex, String method) throws IOException {
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      Web.send(ex, 405, "text/plain", "GET only");
      return;
    }
    String html = resource("index.html");
    Map<String, String> q = Web.query(ex.getRequestURI());
    String flash = q.getOrDefault("flash", "");
    html =
        html.replace("{{REPOSITORY}}", Html.escape(board == null ? "" : board.repository()))
            .replace("{{ACCOUNT}}", signInRoutes == null ? "" : Html.account(session(ex)))
            .replace("{{FLASH}}", Html.escape(flash))
            .replace("{{FLASH_CLASS}}", flash.isEmpty() ? "hidden" : "flash");
    Web.html(ex, 200, html);
  }

  private void asset(HttpExchange ex, String name) throws IOException {
    Web.send(
        ex,
        200,
        name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8",
        resource(name));
  }

  /**
   * The board as everyone sees it, then what this viewer may do: {@code promote} lists, for each
   * stage with an open issue to promote, whether they may and, when not, why.
   */
  private Map<String, Object> boardJson(Sessions.Session session) {
    Board b = board;
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> promote = new ArrayList<>();
    if (b != null) {
      m.putAll(BoardJson.board(b, b.projects()));
      for (Project p : b.projects()) {
        for (Stage stage : p.stages()) {
          PromoteAccess.Verdict v = viewerMay(session, stage, false);
          if (v != null) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("project", p.name());
            entry.put("stage", stage.name());
            entry.put("allowed", v.allowed());
            entry.put("why_not", v.allowed() ? null : v.why());
            promote.add(entry);
          }
        }
      }
    }
    m.put("can_promote", signInRoutes != null || config.canPromote());
    m.put("sign_in", signInRoutes != null);
    m.put("signed_in_as", session != null && session.signedIn() ? session.login : null);
    m.put("promote", promote);
    m.put("refresh_seconds", config.refresh().toSeconds());
    m.put("error", lastError);
    return m;
  }

  /**
   * Whether the viewer may promote this stage; null when there is nothing to promote there (or,
   * without sign-in, when the board does not promote).
   */
  private PromoteAccess.Verdict viewerMay(Sessions.Session session, Stage stage, boolean fresh) {
    if (stage.finalStage() || stage.latest() == null || !stage.latest().isOpen()) {
      return null;
    }
    if (signInRoutes == null) {
      return config.canPromote() ? new PromoteAccess.Verdict(true, null, null) : null;
    }
    if (session == null || !session.signedIn()) {
      return new PromoteAccess.Verdict(false, "sign in to promote", null);
    }
    return fresh ? access.decide(session, stage) : access.verdict(session, stage);
  }

  private boolean isActiveMember(Approver.Team team, String login) {
    synchronized (githubLock) {
      return "active".equals(github.teamMembershipState(team.org(), team.slug(), login));
    }
  }

  private void where(HttpExchange ex) throws IOException {
    String commit = Web.query(ex.getRequestURI()).getOrDefault("commit", "");
    Board b = board;
    if (b == null) {
      Web.json(ex, 503, Map.of("error", "the board has not been read yet"));
      return;
    }
    try {
      Where.Answer answer;
      synchronized (githubLock) {
        answer = Where.find(b, commit, ancestry);
      }
      Web.json(ex, 200, BoardJson.where(answer));
    } catch (IllegalArgumentException e) {
      Web.json(ex, 400, Map.of("error", e.getMessage()));
    } catch (GitHubException e) {
      Web.json(ex, 502, Map.of("error", e.getMessage()));
    }
  }

  // ---- promotion: a confirmation page, then a POST

  /**
   * Whether this viewer may go on towards a promotion (with sign-in: signed in; without: the board
   * promotes); when not, the answer has been sent.
   */
  private boolean mayTry(HttpExchange ex, Sessions.Session session) throws IOException {
    if (signInRoutes == null) {
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

  private void confirm(HttpExchange ex) throws IOException {
    Sessions.Session session = session(ex);
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
      PromoteAccess.Verdict v = viewerMay(session, stage, true);
      if (!v.allowed()) {
        Web.html(ex, 403, Html.message("You may not promote", v.why()));
        return;
      }
      csrf = session.csrf;
    } else {
      csrf = token();
      ex.getResponseHeaders()
          .add(
              "Set-Cookie",
              CSRF_COOKIE + "=" + csrf + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600");
    }
    Web.html(ex, 200, Html.confirmation(stage, csrf, session == null ? null : session.login));
  }

  private void promote(HttpExchange ex) throws IOException {
    Sessions.Session session = session(ex);
    if (!mayTry(ex, session)) {
      return;
    }
    if (!Web.sameOrigin(ex, signInRoutes == null ? null : config.signIn().publicUrl())) {
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
        PromoteAccess.Verdict v = viewerMay(session, stage, true);
        if (!v.allowed()) {
          config.log().accept("board: refused a promotion by " + session.login + ": " + v.why());
          Web.html(ex, 403, Html.message("You may not promote", v.why()));
          return;
        }
        // the person's own token: GitHub records them as the closer, and their permission holds
        synchronized (session) {
          result =
              Promotion.promote(
                  session.github,
                  reader.repository(),
                  board,
                  project,
                  stageName,
                  session.login,
                  "the trafficlight board");
        }
      } else {
        synchronized (githubLock) {
          result =
              Promotion.promote(
                  github,
                  reader.repository(),
                  board,
                  project,
                  stageName,
                  null,
                  "the trafficlight board");
        }
      }
      synchronized (githubLock) {
        reader.invalidate();
      }
    } catch (Promotion.Refused e) {
      refresh();
      Web.html(ex, 409, Html.message("Not promoted", e.getMessage()));
      return;
    } catch (GitHubException e) {
      Web.html(ex, 502, Html.message("GitHub refused", e.getMessage()));
      return;
    }
    refresh();
    String flash =
        "Promoted "
            + result.project()
            + " "
            + result.stage()
            + " to "
            + result.next()
            + ": closed #"
            + result.issue()
            + (session != null ? " (as " + session.login + ")" : "");
    if (session == null) {
      ex.getResponseHeaders()
          .add("Set-Cookie", CSRF_COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    }
    Web.redirect(ex, "/?flash=" + Web.enc(flash));
  }

  // ---- plumbing

  private String token() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = BoardServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** For {@link Html}: a build's one-line description. */
  static String describe(Build b) {
    return Texts.build(b)
        + (b.commit() == null ? "" : " " + b.shortCommit())
        + (b.subject() == null ? "" : " " + b.subject());
  }
}
