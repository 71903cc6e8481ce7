package trafficlight.pipeline.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import trafficlight.concourse.ConcourseUrls;
import trafficlight.concourse.PipelineRef;
import trafficlight.pipeline.runner.RunnerPipeline.ResourceDef;

/**
 * The runner's HTTP side, on 127.0.0.1: each build's log at its BUILD_URL and BUILD_URL_SHORT, the
 * list of builds at {@code /}, and Concourse's check webhook {@code POST
 * /api/v1/teams/main/pipelines/P/resources/R/check/webhook?webhook_token=T}.
 *
 * <p>The webhook answers as Concourse's does: 201 with the check as JSON once it is queued, 400
 * without a {@code webhook_token}, 404 for a team, pipeline or resource that is not there, 401 for
 * a token other than the resource's {@code webhook_token} (or for any, when it has none).
 */
final class RunnerServer implements AutoCloseable {

  /** The runner's one team, as Concourse names its first. */
  static final String TEAM = "main";

  private static final Pattern BUILD_PAGE =
      Pattern.compile("/teams/([^/]+)/pipelines/([^/]+)/jobs/([^/]+)/builds/(\\d{1,9})");
  private static final Pattern SHORT_PAGE = Pattern.compile("/builds/(\\d{1,18})");
  private static final Pattern WEBHOOK =
      Pattern.compile("/api/v1/teams/([^/]+)/pipelines/([^/]+)/resources/([^/]+)/check/webhook");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ConcourseUrls urls;
  private final Map<String, ResourceDef> resources;
  private final BuildHistory builds;
  private final Consumer<String> checkNow;
  private final AtomicLong checks = new AtomicLong();

  /**
   * Binds the port (0: any free one); serving starts with {@link #start}.
   *
   * @param checkNow queues a check of the resource named, for the webhook
   */
  RunnerServer(
      int port,
      String pipeline,
      Map<String, ResourceDef> resources,
      BuildHistory builds,
      Consumer<String> checkNow) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::serve);
    this.urls =
        new ConcourseUrls(
            "http://127.0.0.1:" + server.getAddress().getPort(), TEAM, PipelineRef.named(pipeline));
    this.resources = resources;
    this.builds = builds;
    this.checkNow = checkNow;
  }

  ConcourseUrls urls() {
    return urls;
  }

  void start() {
    server.start();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** What a request is answered. */
  private record Response(int status, String contentType, String body) {
    static Response text(int status, String text) {
      return new Response(status, "text/plain; charset=utf-8", text);
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response response;
      try {
        response = answer(exchange.getRequestMethod(), exchange.getRequestURI());
      } catch (RuntimeException e) {
        response = Response.text(500, "the runner failed: " + e + "\n");
      }
      byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    }
  }

  private Response answer(String method, URI uri) {
    String path = uri.getPath();
    Matcher m;
    if ((m = WEBHOOK.matcher(path)).matches()) {
      return "POST".equals(method)
          ? webhook(m.group(1), m.group(2), m.group(3), query(uri, "webhook_token"))
          : Response.text(405, "the check webhook takes POST\n");
    }
    if (!"GET".equals(method)) {
      return Response.text(405, "method not allowed\n");
    }
    if ((m = BUILD_PAGE.matcher(path)).matches()) {
      return ours(m.group(1), m.group(2))
          ? page(builds.find(m.group(3), Integer.parseInt(m.group(4))))
          : Response.text(404, "no such team or pipeline\n");
    } else if ((m = SHORT_PAGE.matcher(path)).matches()) {
      return page(builds.find(Long.parseLong(m.group(1))));
    } else if (path.equals("/")) {
      return index();
    }
    return Response.text(404, "not found\n");
  }

  private Response webhook(String team, String pipeline, String name, String token) {
    if (!ours(team, pipeline)) {
      return Response.text(404, "no pipeline " + pipeline + " in team " + team + "\n");
    }
    if (token == null || token.isEmpty()) {
      return Response.text(400, "missing webhook_token\n");
    }
    ResourceDef resource = resources.get(name);
    if (resource == null) {
      return Response.text(404, "no resource " + name + "\n");
    }
    if (!token.equals(resource.webhookToken())) {
      return Response.text(401, "wrong webhook_token\n");
    }
    checkNow.accept(name);
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("id", checks.incrementAndGet());
    check.put("team_name", TEAM);
    check.put("pipeline_name", urls.pipeline().name());
    check.put("resource_name", name);
    check.put("status", "started");
    check.put("create_time", Instant.now().getEpochSecond());
    try {
      return new Response(201, "application/json", JSON.writeValueAsString(check));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean ours(String team, String pipeline) {
    return team.equals(TEAM) && pipeline.equals(urls.pipeline().name());
  }

  private static Response page(Optional<BuildRecord> found) {
    if (found.isEmpty()) {
      return Response.text(404, "no such build\n");
    }
    Build build = found.get().snapshot();
    return Response.text(
        200,
        build.job()
            + " #"
            + build.number()
            + " ("
            + status(build)
            + ")\n\n"
            + found.get().logText());
  }

  private Response index() {
    StringBuilder text =
        new StringBuilder(
            "trafficlight's local runner: a stand-in for Concourse on one machine\npipeline "
                + urls.pipeline().name()
                + "\n\n");
    for (Build build : builds.snapshots()) {
      text.append(build.job())
          .append(" #")
          .append(build.number())
          .append(' ')
          .append(status(build))
          .append("  ")
          .append(build.url())
          .append('\n');
    }
    return Response.text(200, text.toString());
  }

  /** Concourse's name of the build's status: started, succeeded, failed. */
  private static String status(Build build) {
    return build.status().name().toLowerCase(Locale.ROOT);
  }

  private static String query(URI uri, String name) {
    String query = uri.getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
