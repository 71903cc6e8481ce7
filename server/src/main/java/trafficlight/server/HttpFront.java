package trafficlight.server;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's HTTP server as the board and the relay run it, so that a few hostile clients cannot
 * stop them:
 *
 * <ul>
 *   <li>a request must arrive whole, headers then body, within {@code
 *       sun.net.httpserver.maxReqTime} seconds ({@value #DEFAULT_REQUEST_SECONDS} unless set): the
 *       JDK's own timer then closes the connection, which frees the thread reading it; a connection
 *       that sends nothing is closed after the same time;
 *   <li>up to {@value #HANDLER_THREADS} handler threads, started as needed: the JDK's dispatcher
 *       accepts and waits for a request's first byte without a thread, so only clients that have
 *       begun a request hold one, each for at most the time limit; beyond them a connection is
 *       refused (closed at once) rather than queued behind slow ones;
 *   <li>a request whose {@code Host} is not one the server serves ({@link AllowedHosts}) is
 *       answered 421 with no content, before any route runs;
 *   <li>{@link ConnectionMetrics} counts what was refused or timed out.
 * </ul>
 *
 * <p>The JDK reads its limits once per process, when its first server starts; {@link
 * #applyDefaults} must run before that (the command's {@code main} calls it, and so does this
 * class's loading).
 */
public final class HttpFront implements AutoCloseable {

  /** The JDK's limit, in seconds, on a request's arrival (headers and body). */
  public static final String REQUEST_SECONDS = "sun.net.httpserver.maxReqTime";

  /** GitHub gives a delivery 10 seconds; a browser's form is a few hundred bytes. */
  public static final int DEFAULT_REQUEST_SECONDS = 10;

  public static final int HANDLER_THREADS = 64;

  static {
    applyDefaults();
  }

  /**
   * What became of the request the thread runs: null while its headers have not arrived whole;
   * {@link Arrival#HEADERS} once they did; {@link Arrival#BODY_CUT} when reading its body failed.
   */
  private static final ThreadLocal<Arrival> ARRIVAL = new ThreadLocal<>();

  private enum Arrival {
    HEADERS,
    BODY_CUT
  }

  private final HttpServer server;
  private final ThreadPoolExecutor handlers;

  /**
   * Sets the JDK server's limits this process runs with, unless given with {@code -D}: the request
   * time limit, and TCP_NODELAY (without it, a response on a kept-alive connection waits about 40
   * ms for the client's delayed ACK of its headers).
   */
  public static void applyDefaults() {
    setIfAbsent("sun.net.httpserver.nodelay", "true");
    setIfAbsent(REQUEST_SECONDS, Integer.toString(DEFAULT_REQUEST_SECONDS));
  }

  /** The request time limit this process runs with, in milliseconds (0: none). */
  public static long requestLimitMillis() {
    try {
      long seconds = Long.parseLong(System.getProperty(REQUEST_SECONDS, "-1").strip());
      return seconds <= 0 ? 0 : seconds * 1000;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Binds {@code address}; serving starts with {@link #start}.
   *
   * @param name names the handler threads ({@code board}, {@code relay})
   * @param handler every route of the server, for requests to an allowed host
   */
  public HttpFront(
      InetSocketAddress address,
      int backlog,
      String name,
      AllowedHosts hosts,
      ConnectionMetrics metrics,
      HttpHandler handler)
      throws IOException {
    this.server = HttpServer.create(address, backlog);
    AtomicInteger count = new AtomicInteger();
    long limit = requestLimitMillis();
    this.handlers =
        new ThreadPoolExecutor(
            0,
            HANDLER_THREADS,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, name + "-http-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            (r, pool) -> {
              metrics.refused();
              // the JDK closes the connection when its executor refuses
              throw new RejectedExecutionException(name + ": every handler thread is busy");
            }) {
          @Override
          public void execute(Runnable exchange) {
            super.execute(() -> run(exchange, limit, metrics));
          }
        };
    server.setExecutor(handlers);
    var context = server.createContext("/", handler);
    context.getFilters().add(new HostFilter(hosts, metrics));
  }

  public void start() {
    server.start();
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }

  /**
   * Runs one exchange of the JDK's: reads a request, then runs the routes. A request the JDK's
   * timer cut off never reaches them, or fails reading its body; either is counted when it lasted
   * the limit (a client that hangs up early is not a timeout).
   */
  private static void run(Runnable exchange, long limit, ConnectionMetrics metrics) {
    long started = System.nanoTime();
    ARRIVAL.remove();
    try {
      exchange.run();
    } finally {
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      // the timer ticks once a second: a cut-off request lasted at least the limit, nearly
      if (limit > 0 && ARRIVAL.get() != Arrival.HEADERS && millis >= limit - 250) {
        metrics.timedOut();
      }
      ARRIVAL.remove();
    }
  }

  private static final class HostFilter extends Filter {
    private final AllowedHosts hosts;
    private final ConnectionMetrics metrics;

    HostFilter(AllowedHosts hosts, ConnectionMetrics metrics) {
      this.hosts = hosts;
      this.metrics = metrics;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
      ARRIVAL.set(Arrival.HEADERS);
      List<String> host = exchange.getRequestHeaders().get("Host");
      if (host == null || host.size() != 1 || !hosts.allows(host.get(0))) {
        metrics.foreignHost();
        try (exchange) {
          exchange.getResponseHeaders().set("Connection", "close");
          exchange.sendResponseHeaders(421, -1);
        }
        return;
      }
      exchange.setStreams(new WatchedBody(exchange.getRequestBody()), null);
      chain.doFilter(exchange);
    }

    @Override
    public String description() {
      return "answers only the host names the server serves";
    }
  }

  /** A request body whose failed read is remembered: the timer may have cut it off. */
  private static final class WatchedBody extends FilterInputStream {
    WatchedBody(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        ARRIVAL.set(Arrival.BODY_CUT);
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        ARRIVAL.set(Arrival.BODY_CUT);
        throw e;
      }
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
