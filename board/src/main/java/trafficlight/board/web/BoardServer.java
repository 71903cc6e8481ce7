package trafficlight.board.web;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import trafficlight.board.Ancestry;
import trafficlight.board.Board;
import trafficlight.board.BoardJson;
import trafficlight.board.GateReader;
import trafficlight.board.Project;
import trafficlight.board.PullRequestQuery;
import trafficlight.board.Stage;
import trafficlight.board.Texts;
import trafficlight.board.Where;
import trafficlight.board.flow.FlowReader;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.Approver;
import trafficlight.gate.GateEvents;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.server.AllowedHosts;
import trafficlight.server.ConnectionMetrics;
import trafficlight.server.HttpFront;
import trafficlight.server.MetricsPage;

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
 * board's token when {@code canPromote}. The routes live in {@link SignInRoutes} and {@link
 * PromoteRoutes}.
 *
 * <p>It answers only the host names it serves ({@link AllowedHosts}: 421 to others, against DNS
 * rebinding), bounds how long a request may take to arrive and counts what it refused or timed out
 * on {@code /metrics} ({@link HttpFront}).
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
   * @param publicUrl the board's address as browsers reach it (behind a proxy), or null: its host
   *     is a name the board answers besides its bind address ({@link AllowedHosts})
   * @param events what reacts to the gate events the board's promotions send ({@link
   *     trafficlight.board.Promotion})
   */
  public record Config(
      String bind,
      int port,
      Duration refresh,
      boolean canPromote,
      Consumer<String> log,
      SignIn signIn,
      Function<Stage, Optional<ApprovalRule>> rules,
      URI publicUrl,
      GateEvents events) {

    /** No sign-in, and nothing reacts to the gate events. */
    public Config(
        String bind, int port, Duration refresh, boolean canPromote, Consumer<String> log) {
      this(bind, port, refresh, canPromote, log, null, Stage::approvalRule, null, GateEvents.NONE);
    }

    /** With GitHub sign-in and {@code rules}; the public URL is sign-in's. */
    public Config withSignIn(SignIn signIn, Function<Stage, Optional<ApprovalRule>> rules) {
      return new Config(
          bind, port, refresh, canPromote, log, signIn, rules, signIn.publicUrl(), events);
    }

    /** With {@code events} reacting to the gate events the board's promotions send. */
    public Config withEvents(GateEvents events) {
      return new Config(bind, port, refresh, canPromote, log, signIn, rules, publicUrl, events);
    }

    /** The host names the board answers. */
    public AllowedHosts allowedHosts() {
      return AllowedHosts.of(bind, publicUrl == null ? List.of() : List.of(publicUrl));
    }
  }

  static final String SESSION_COOKIE = "tl_session";

  private final GitHubClient github;
  private final GateReader reader;

  /** Kept for the server's life: compare answers between full SHAs never change. */
  private final Ancestry ancestry;

  private final Config config;
  private final HttpFront server;
  private final PrometheusRegistry metrics = new PrometheusRegistry();
  private final ScheduledExecutorService refresher;
  private final Object githubLock = new Object();
  private final Sessions sessions = new Sessions(Clock.systemUTC());
  private final PromoteAccess access;
  private final SignInRoutes signInRoutes;
  private final PromoteRoutes promoteRoutes;
  private final FlowRoutes flowRoutes;

  private volatile Board board;

  /** Whether the flow figures were read once (they read every issue's comments); under the lock. */
  private boolean flowRead;

  private volatile String lastError;

  private BoardServer(GitHubClient github, GateReader reader, FlowReader flow, Config config)
      throws IOException {
    this.github = github;
    this.reader = reader;
    this.ancestry = new Ancestry(github, null);
    this.config = config;
    this.access =
        new PromoteAccess(
            config.rules(), this::isActiveMember, Clock.systemUTC(), config.refresh());
    AllowedHosts hosts = config.allowedHosts();
    this.server =
        new HttpFront(
            new InetSocketAddress(config.bind(), config.port()),
            64,
            "board",
            hosts,
            new ConnectionMetrics("trafficlight_board", metrics),
            this::handle);
    OwnPages ownPages = new OwnPages(hosts, server.port());
    this.signInRoutes =
        config.signIn() == null
            ? null
            : new SignInRoutes(
                config.signIn(),
                sessions,
                github.endpoint(),
                reader.repository(),
                this::url,
                ownPages,
                config.log());
    this.promoteRoutes =
        new PromoteRoutes(
            () -> board, reader, github, githubLock, config, ownPages, access, this::refresh);
    this.flowRoutes = new FlowRoutes(flow, metrics, config.log());
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "board-refresh");
              t.setDaemon(true);
              return t;
            });
  }

  /** Reads the board once, then serves it and refreshes it in the background. */
  public static BoardServer start(GitHubClient github, GateReader reader, Config config)
      throws IOException {
    return start(
        github,
        reader,
        new FlowReader(github, reader.repository(), reader.format(), Clock.systemUTC()),
        config);
  }

  /** Likewise, with the flow view's figures read by {@code flow}. */
  public static BoardServer start(
      GitHubClient github, GateReader reader, FlowReader flow, Config config) throws IOException {
    BoardServer s = new BoardServer(github, reader, flow, config);
    s.refresh(false);
    s.server.start();
    // the first flow read reads every gate issue's comments: in the background, so that the
    // board serves its lights (and /healthz) without waiting for it
    s.refresher.execute(s::firstFlowRead);
    long every = Math.max(1, config.refresh().toMillis());
    s.refresher.scheduleWithFixedDelay(s::refresh, every, every, TimeUnit.MILLISECONDS);
    return s;
  }

  /** {@code http://HOST:PORT}. */
  public String url() {
    String host = config.bind().equals("0.0.0.0") ? "127.0.0.1" : config.bind();
    return "http://" + host + ":" + server.port();
  }

  public Board board() {
    return board;
  }

  /** How many sessions the board holds (signing in or signed in). */
  public int sessionCount() {
    return sessions.size();
  }

  /** Reads GitHub now (what the refresher does on its schedule), the flow figures too. */
  public void refresh() {
    refresh(true);
  }

  private void firstFlowRead() {
    synchronized (githubLock) {
      if (!flowRead) {
        flowRoutes.refresh();
        flowRead = true;
      }
    }
  }

  private void refresh(boolean withFlow) {
    try {
      Board read;
      synchronized (githubLock) {
        read = reader.read();
        if (withFlow) {
          flowRoutes.refresh();
          flowRead = true;
        }
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
    server.close();
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
            promoteRoutes.promote(ex, session(ex));
          } else {
            promoteRoutes.confirm(ex, session(ex));
          }
        }
        case "/signin", SignIn.CALLBACK_PATH, "/signout" -> {
          if (signInRoutes == null) {
            Web.send(ex, 404, "text/plain", "sign-in is not set up on this board");
          } else {
            signInRoutes.handle(ex, path, session(ex));
          }
        }
        case "/flow" -> flowRoutes.page(ex);
        case "/flow.css" -> flowRoutes.css(ex);
        case "/healthz" -> Web.send(ex, 200, "text/plain", lastError == null ? "ok" : lastError);
        case "/metrics" -> MetricsPage.send(ex, metrics);
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
    String flash = Flash.text(q, board);
    html =
        html.replace("{{REPOSITORY}}", Texts.escapeHtml(board == null ? "" : board.repository()))
            .replace("{{ACCOUNT}}", signInRoutes == null ? "" : Html.account(session(ex)))
            .replace("{{FLASH}}", Texts.escapeHtml(flash))
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
          PromoteAccess.Verdict v = promoteRoutes.verdict(session, stage, false);
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
    m.put("signed_in_as", session != null && session.signedIn() ? session.login() : null);
    m.put("promote", promote);
    m.put("refresh_seconds", config.refresh().toSeconds());
    m.put("error", lastError);
    return m;
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
        answer = PullRequestQuery.find(b, commit, ancestry, github);
      }
      Web.json(ex, 200, BoardJson.where(answer));
    } catch (IllegalArgumentException e) {
      Web.json(ex, 400, Map.of("error", e.getMessage()));
    } catch (GitHubException e) {
      Web.json(ex, 502, Map.of("error", e.getMessage()));
    }
  }

  // ---- plumbing

  private static String resource(String name) throws IOException {
    try (InputStream in = BoardServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
