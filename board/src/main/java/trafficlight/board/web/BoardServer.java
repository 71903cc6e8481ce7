package trafficlight.board.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import trafficlight.board.Ancestry;
import trafficlight.board.Board;
import trafficlight.board.BoardJson;
import trafficlight.board.Build;
import trafficlight.board.GateReader;
import trafficlight.board.Promotion;
import trafficlight.board.Stage;
import trafficlight.board.Texts;
import trafficlight.board.Where;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;

/**
 * The board's web page: a grid of projects x stages with their lights, a commit search and, when
 * the token may close issues, a Promote button with a confirmation step.
 *
 * <p>One refresher thread reads GitHub every {@code refresh} (conditional requests through the
 * client's response cache: a refresh that finds nothing new costs no rate limit); viewers read the
 * last board from memory, so their number costs GitHub nothing. Promotions are POSTs carrying a
 * CSRF token that must match a {@code SameSite=Strict} cookie, from the board's own origin.
 */
public final class BoardServer implements AutoCloseable {

  /**
   * How the board runs.
   *
   * @param bind the address to listen on ({@code 127.0.0.1}: this machine only)
   * @param port 0 for any free one
   * @param canPromote whether to offer promotion (see {@link RepositoryPermissions})
   */
  public record Config(
      String bind, int port, Duration refresh, boolean canPromote, Consumer<String> log) {}

  private static final String CSRF_COOKIE = "tl_csrf";

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

  private volatile Board board;
  private volatile String lastError;

  private BoardServer(GitHubClient github, GateReader reader, Config config) throws IOException {
    this.github = github;
    this.reader = reader;
    this.ancestry = new Ancestry(github, null);
    this.config = config;
    this.server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 64);
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
  }

  // ---- routing

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      switch (path) {
        case "/" -> page(ex, method);
        case "/board.js", "/board.css" -> asset(ex, path.substring(1));
        case "/api/board" -> json(ex, 200, boardJson());
        case "/api/where" -> where(ex);
        case "/promote" -> {
          if ("POST".equals(method)) {
            promote(ex);
          } else {
            confirm(ex);
          }
        }
        case "/healthz" -> send(ex, 200, "text/plain", lastError == null ? "ok" : lastError);
        default -> send(ex, 404, "text/plain", "not found");
      }
    } catch (RuntimeException e) {
      config.log().accept("board: " + e);
      send(ex, 500, "text/plain", "internal error");
    }
  }

  private void page(HttpExchange ex, String method) throws IOException {
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      send(ex, 405, "text/plain", "GET only");
      return;
    }
    String html = resource("index.html");
    Map<String, String> q = query(ex.getRequestURI());
    String flash = q.getOrDefault("flash", "");
    html =
        html.replace("{{REPOSITORY}}", Html.escape(board == null ? "" : board.repository()))
            .replace("{{FLASH}}", Html.escape(flash))
            .replace("{{FLASH_CLASS}}", flash.isEmpty() ? "hidden" : "flash");
    send(ex, 200, "text/html; charset=utf-8", html);
  }

  private void asset(HttpExchange ex, String name) throws IOException {
    send(
        ex,
        200,
        name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8",
        resource(name));
  }

  private Map<String, Object> boardJson() {
    Board b = board;
    Map<String, Object> m = new LinkedHashMap<>();
    if (b != null) {
      m.putAll(BoardJson.board(b, b.projects()));
    }
    m.put("can_promote", config.canPromote());
    m.put("refresh_seconds", config.refresh().toSeconds());
    m.put("error", lastError);
    return m;
  }

  private void where(HttpExchange ex) throws IOException {
    String commit = query(ex.getRequestURI()).getOrDefault("commit", "");
    Board b = board;
    if (b == null) {
      json(ex, 503, Map.of("error", "the board has not been read yet"));
      return;
    }
    try {
      Where.Answer answer;
      synchronized (githubLock) {
        answer = Where.find(b, commit, ancestry);
      }
      json(ex, 200, BoardJson.where(answer));
    } catch (IllegalArgumentException e) {
      json(ex, 400, Map.of("error", e.getMessage()));
    } catch (GitHubException e) {
      json(ex, 502, Map.of("error", e.getMessage()));
    }
  }

  // ---- promotion: a confirmation page, then a POST

  private void confirm(HttpExchange ex) throws IOException {
    if (!config.canPromote()) {
      send(ex, 403, "text/plain", "this board is read-only");
      return;
    }
    Map<String, String> q = query(ex.getRequestURI());
    String project = q.getOrDefault("project", "");
    String stageName = q.getOrDefault("stage", "");
    Stage stage;
    try {
      stage = Promotion.waiting(board, project, stageName);
    } catch (Promotion.Refused e) {
      send(ex, 409, "text/html; charset=utf-8", Html.message("Nothing to promote", e.getMessage()));
      return;
    }
    String csrf = token();
    ex.getResponseHeaders()
        .add(
            "Set-Cookie",
            CSRF_COOKIE + "=" + csrf + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600");
    send(ex, 200, "text/html; charset=utf-8", Html.confirmation(stage, csrf));
  }

  private void promote(HttpExchange ex) throws IOException {
    if (!config.canPromote()) {
      send(ex, 403, "text/plain", "this board is read-only");
      return;
    }
    if (!sameOrigin(ex)) {
      send(ex, 403, "text/plain", "cross-site request refused");
      return;
    }
    Map<String, String> form = form(ex);
    String cookie = cookie(ex, CSRF_COOKIE);
    String csrf = form.get("csrf");
    if (cookie == null
        || csrf == null
        || !MessageDigest.isEqual(
            cookie.getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8))) {
      send(ex, 403, "text/plain", "missing or wrong CSRF token: open the confirmation page again");
      return;
    }
    String project = form.getOrDefault("project", "");
    String stageName = form.getOrDefault("stage", "");
    String by = form.getOrDefault("by", "").strip();
    if (by.isEmpty() || by.length() > 100) {
      send(ex, 400, "text/plain", "say who you are (up to 100 characters)");
      return;
    }
    Promotion.Result result;
    try {
      synchronized (githubLock) {
        Stage stage = Promotion.waiting(board, project, stageName);
        if (!String.valueOf(stage.latest().number()).equals(form.get("issue"))) {
          throw new Promotion.Refused(
              "the waiting issue changed since you confirmed (now #"
                  + stage.latest().number()
                  + "): confirm again");
        }
        result =
            Promotion.promote(
                github,
                reader.repository(),
                board,
                project,
                stageName,
                by,
                "the trafficlight board");
        reader.invalidate();
      }
    } catch (Promotion.Refused e) {
      refresh();
      send(ex, 409, "text/html; charset=utf-8", Html.message("Not promoted", e.getMessage()));
      return;
    } catch (GitHubException e) {
      send(ex, 502, "text/html; charset=utf-8", Html.message("GitHub refused", e.getMessage()));
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
            + " (by "
            + result.by()
            + ")";
    ex.getResponseHeaders()
        .add("Set-Cookie", CSRF_COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    ex.getResponseHeaders().add("Location", "/?flash=" + enc(flash));
    send(ex, 303, "text/plain", "promoted");
  }

  /** A POST must come from a page of this board: Origin (or Referer) names our own host. */
  private static boolean sameOrigin(HttpExchange ex) {
    String host = ex.getRequestHeaders().getFirst("Host");
    String origin = ex.getRequestHeaders().getFirst("Origin");
    if (origin == null) {
      origin = ex.getRequestHeaders().getFirst("Referer");
    }
    if (host == null || origin == null || "null".equals(origin)) {
      return false;
    }
    try {
      URI uri = URI.create(origin);
      String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return host.equalsIgnoreCase(authority);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  // ---- plumbing

  private String token() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String cookie(HttpExchange ex, String name) {
    List<String> headers = ex.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return null;
    }
    for (String header : headers) {
      for (String part : header.split(";")) {
        String[] kv = part.strip().split("=", 2);
        if (kv.length == 2 && kv[0].equals(name) && !kv[1].isEmpty()) {
          return kv[1];
        }
      }
    }
    return null;
  }

  private static Map<String, String> form(HttpExchange ex) throws IOException {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
      return Map.of();
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(16 * 1024);
      return parse(new String(body, StandardCharsets.UTF_8));
    }
  }

  private static Map<String, String> query(URI uri) {
    return parse(uri.getRawQuery());
  }

  private static Map<String, String> parse(String raw) {
    Map<String, String> m = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return m;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      try {
        m.putIfAbsent(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      } catch (IllegalArgumentException ignored) {
        // a malformed escape: skip the pair
      }
    }
    return m;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = BoardServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void json(HttpExchange ex, int status, Object value) throws IOException {
    send(ex, status, "application/json; charset=utf-8", BoardJson.write(value, false));
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var h = ex.getResponseHeaders();
    h.set("Content-Type", type);
    h.set("Cache-Control", "no-store");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "same-origin");
    h.set(
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src"
            + " 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head || status == 304 ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** For {@link Html}: a build's one-line description. */
  static String describe(Build b) {
    return Texts.build(b)
        + (b.commit() == null ? "" : " " + b.shortCommit())
        + (b.subject() == null ? "" : " " + b.subject());
  }
}
