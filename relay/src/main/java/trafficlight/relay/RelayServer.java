package trafficlight.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import trafficlight.gate.GateEvents;
import trafficlight.github.GitHubClient;
import trafficlight.server.HttpFront;
import trafficlight.server.MetricsPage;

/**
 * The relay's HTTP side (the JDK's server, as the board's): {@code POST /github} takes GitHub's
 * deliveries, {@code GET /healthz} and {@code GET /metrics}.
 *
 * <p>It answers only the host names it serves, 421 to others, and bounds how long a request may
 * take to arrive ({@link HttpFront}). A delivery is answered at once and forwarded afterwards. An
 * {@code issues} event with action {@code closed} goes to every route that {@linkplain Route#takes
 * takes} its issue; every other signed delivery (other events and actions, {@code ping}, titles
 * nothing matches, a delivery id already seen, or a body already seen under another id: a replay)
 * is answered 200 and goes nowhere. Refused, and forwarded nowhere: a missing or wrong signature
 * (401), a body over 25 MB (413), another content type (415), a body that is truncated, not JSON,
 * nested deeper than {@link DeliveryPayload#MAX_DEPTH} levels or without the headers GitHub sends
 * (400).
 *
 * <p>Given a GitHub client whose token may write issues, it also reopens closes that the routes'
 * approvers rule refuses ({@link RefusedCloses}); every delivery of a close is looked at, a
 * repeated one included, since the look is idempotent and a redelivery is how a failed reopen is
 * tried again.
 */
public final class RelayServer implements AutoCloseable {

  /** GitHub caps payloads at 25 MB. */
  static final int MAX_BODY = 25 * 1024 * 1024;

  /**
   * How much of an oversized body is read and dropped before the 413; beyond it, the connection
   * closes.
   */
  private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

  private static final int RECENT_DELIVERIES = 10_000;

  private final HttpFront server;
  private final List<Route> routes;
  private final WebhookSignature signature;
  private final RecentDeliveries recent = new RecentDeliveries(RECENT_DELIVERIES);
  private final RelayMetrics metrics = new RelayMetrics();
  private final Forwarder forwarder;
  private final RefusedCloses refusedCloses;
  private final Consumer<String> log;

  /**
   * Binds the address; serving starts with {@link #start}.
   *
   * @param log where log lines go (stderr in the command)
   */
  public RelayServer(RelaySettings settings, Consumer<String> log) {
    this(settings, null, log);
  }

  /**
   * @param github a client whose token may comment on and reopen the gate issues, or null: refused
   *     closes are then left as they are (the trigger resources still never take them)
   */
  public RelayServer(RelaySettings settings, GitHubClient github, Consumer<String> log) {
    this(settings, github, GateEvents.NONE, log);
  }

  /**
   * @param github as above
   * @param events what reacts to the gate events of the close review: each close it looks at (only
   *     with {@code github}, and only where every route restricts who may promote)
   */
  public RelayServer(
      RelaySettings settings, GitHubClient github, GateEvents events, Consumer<String> log) {
    this.routes = settings.routes();
    this.refusedCloses = github == null ? null : new RefusedCloses(github, metrics, log, events);
    this.signature = new WebhookSignature(settings.secret());
    this.log = log;
    this.forwarder =
        new Forwarder(
            settings.concourse(), metrics, log, settings.firstRetry(), settings.retryFor());
    try {
      server =
          new HttpFront(
              new InetSocketAddress(settings.bind(), settings.port()),
              128,
              "relay",
              settings.allowedHosts(),
              metrics.connections,
              this::serve);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + settings.bind().getHostAddress() + ":" + settings.port(), e);
    }
  }

  public void start() {
    server.start();
  }

  /** The port it listens on. */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    forwarder.close();
    if (refusedCloses != null) {
      refusedCloses.close();
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      switch (path) {
        case "/github" -> {
          if ("POST".equals(method)) {
            long started = System.nanoTime();
            Answer answer = deliver(exchange);
            respond(exchange, answer.status(), "text/plain; charset=utf-8", answer.text());
            metrics.responded(System.nanoTime() - started);
          } else {
            respond(exchange, 405, "text/plain; charset=utf-8", "POST deliveries here\n");
          }
        }
        case "/healthz" ->
            respond(
                exchange, 200, "text/plain; charset=utf-8", "ok: " + routes.size() + " routes\n");
        case "/metrics" -> MetricsPage.send(exchange, metrics.registry());
        default -> respond(exchange, 404, "text/plain; charset=utf-8", "not found\n");
      }
    } catch (RuntimeException e) {
      log.accept("relay: failed to answer " + exchange.getRequestURI().getPath() + ": " + e);
    }
  }

  private record Answer(int status, String text) {}

  private Answer deliver(HttpExchange exchange) {
    String event = exchange.getRequestHeaders().getFirst("X-GitHub-Event");
    String id = exchange.getRequestHeaders().getFirst("X-GitHub-Delivery");
    byte[] body;
    JsonNode payload;
    try {
      body = body(exchange);
      if (!signature.verifies(body, exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"))) {
        throw new BadDelivery(
            401,
            "bad_signature",
            "missing or wrong X-Hub-Signature-256: give the relay the webhook's secret");
      }
      if (event == null || event.isBlank() || id == null || id.isBlank()) {
        throw new BadDelivery(
            400, "malformed", "missing X-GitHub-Event or X-GitHub-Delivery: send as GitHub does");
      }
      payload = DeliveryPayload.read(exchange.getRequestHeaders().getFirst("Content-Type"), body);
    } catch (BadDelivery bad) {
      metrics.delivery(RelayMetrics.UNKNOWN, RelayMetrics.UNKNOWN, bad.result());
      return new Answer(bad.status(), bad.getMessage() + "\n");
    }
    String action = payload.path("action").asText(RelayMetrics.UNKNOWN);
    if (!"issues".equals(event)) {
      metrics.delivery(event, action, "ignored");
      return new Answer(200, "ignored: a " + event + " event triggers nothing\n");
    }
    IssueEvent issue;
    try {
      issue = IssueEvent.of(payload);
    } catch (BadDelivery bad) {
      metrics.delivery(event, RelayMetrics.UNKNOWN, bad.result());
      return new Answer(bad.status(), bad.getMessage() + "\n");
    }
    if (!"closed".equals(issue.action())) {
      metrics.delivery(event, action, "ignored");
      return new Answer(200, "ignored: only a closed issue triggers a check\n");
    }
    List<Route> matching =
        routes.stream().filter(route -> route.takes(issue.repository(), issue.issue())).toList();
    if (matching.isEmpty()) {
      metrics.delivery(event, action, "unmatched");
      return new Answer(200, "no resource takes this issue\n");
    }
    if (refusedCloses != null) {
      refusedCloses.review(matching, issue.number(), id);
    }
    switch (recent.record(id, body)) {
      case SAME_ID -> {
        metrics.delivery(event, action, "duplicate");
        return new Answer(200, "delivery " + id + " was forwarded before\n");
      }
      case SAME_BODY -> {
        metrics.delivery(event, action, "duplicate");
        return new Answer(200, "the same event was forwarded before, under another delivery id\n");
      }
      case NEW -> {
        // forwarded below
      }
    }
    metrics.delivery(event, action, "forwarded");
    for (Route route : matching) {
      forwarder.forward(route, id);
    }
    return new Answer(
        200,
        "queued checks of "
            + String.join(", ", matching.stream().map(Route::name).toList())
            + "\n");
  }

  private static byte[] body(HttpExchange exchange) throws BadDelivery {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      long declared;
      try {
        declared = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        throw new BadDelivery(400, "malformed", "Content-Length is not a number");
      }
      if (declared > DRAIN_LIMIT) {
        throw tooLarge();
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        // read the rest (up to a bound), so that the sender is still reading when 413 comes
        // (read, not skip: the JDK server's skip passes the body's end)
        byte[] sink = new byte[64 * 1024];
        long drained = body.length;
        int read;
        while (drained < DRAIN_LIMIT && (read = in.read(sink)) > 0) {
          drained += read;
        }
        throw tooLarge();
      }
      return body;
    } catch (IOException e) {
      throw new BadDelivery(400, "truncated", "the body ended early: send it whole");
    }
  }

  private static BadDelivery tooLarge() {
    return new BadDelivery(413, "too_large", "the body is over 25 MB, GitHub's cap");
  }

  private static void respond(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }
}
