package trafficlight.board.web;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import trafficlight.board.Texts;
import trafficlight.board.flow.Distribution;
import trafficlight.board.flow.FlowChart;
import trafficlight.board.flow.FlowMetrics;
import trafficlight.board.flow.FlowReader;
import trafficlight.board.flow.FlowReport;
import trafficlight.board.flow.ProjectFlow;
import trafficlight.board.flow.StageFlow;
import trafficlight.github.GitHubException;

/**
 * The board's flow view ({@code /flow?project=myapp}: the stuck gates first, then a chart of gate
 * waits and lead times per stage, then the figures) and its figures in the board's {@code /metrics}
 * ({@link FlowMetrics}). Both answer from the figures of the last refresh, which the board's
 * refresher thread reads; a viewer or a scraper costs GitHub nothing.
 */
final class FlowRoutes {

  /** The window of the view, as {@code trafficlight stats}' default. */
  static final Duration WINDOW = Duration.ofDays(90);

  private final FlowReader reader;
  private final Consumer<String> log;

  private volatile FlowReport window;
  private volatile FlowReport allTime;

  FlowRoutes(FlowReader reader, PrometheusRegistry registry, Consumer<String> log) {
    this.reader = reader;
    this.log = log;
    FlowMetrics.register(registry, () -> allTime, reader.clock());
  }

  /** Reads the issues again; the caller holds the lock on the client. A failure keeps the last. */
  void refresh() {
    try {
      window = reader.read(WINDOW);
      allTime = reader.allTime();
    } catch (GitHubException | IllegalStateException e) {
      log.accept("flow refresh failed: " + e.getMessage());
    }
  }

  FlowReport figures() {
    return window;
  }

  void css(HttpExchange ex) throws IOException {
    try (InputStream in = FlowRoutes.class.getResourceAsStream("flow.css")) {
      Web.send(
          ex,
          200,
          "text/css; charset=utf-8",
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  void page(HttpExchange ex) throws IOException {
    FlowReport report = window;
    if (report == null) {
      Web.html(ex, 503, page("flow", null, "<p>The gate issues have not been read yet.</p>"));
      return;
    }
    String wanted = Web.query(ex.getRequestURI()).get("project");
    if (wanted == null && report.projects().size() == 1) {
      wanted = report.projects().get(0).project();
    }
    if (wanted == null) {
      Web.html(ex, 200, page("flow", report, overview(report)));
      return;
    }
    Optional<ProjectFlow> project = report.project(wanted);
    if (project.isEmpty()) {
      Web.html(
          ex,
          404,
          page(
              "flow",
              report,
              "<p>No project \""
                  + Texts.escapeHtml(wanted)
                  + "\" in this window.</p>"
                  + overview(report)));
      return;
    }
    Web.html(ex, 200, page(project.get().project(), report, project(report, project.get())));
  }

  private static String overview(FlowReport report) {
    StringBuilder s = new StringBuilder("<h2>Projects</h2><ul id=\"projects\">");
    for (ProjectFlow p : report.projects()) {
      int stuck = p.stuck().size();
      s.append("<li><a href=\"/flow?project=")
          .append(Texts.escapeHtml(p.project()))
          .append("\">")
          .append(Texts.escapeHtml(p.project()))
          .append("</a>")
          .append(stuck == 0 ? "" : " <span class=\"muted\">" + stuck + " open gate(s)</span>")
          .append("</li>");
    }
    return s.append("</ul>").toString();
  }

  private static String project(FlowReport report, ProjectFlow p) {
    StringBuilder s = new StringBuilder();
    s.append("<h2>")
        .append(Texts.escapeHtml(p.project()))
        .append(" <span class=\"muted\">last ")
        .append(report.window().toDays())
        .append(" days, read ")
        .append(Texts.escapeHtml(Texts.time(report.until())))
        .append("</span></h2>");
    s.append("<section id=\"stuck\" aria-label=\"open gates\">");
    List<StageFlow> stuck = p.stuck();
    if (stuck.isEmpty()) {
      s.append("<h3>No gate is waiting</h3>");
    } else {
      s.append("<h3>Open gates, longest first</h3><ul>");
      for (StageFlow stage : stuck) {
        StageFlow.OpenGate open = stage.waiting();
        boolean isStuck = open.seconds() >= FlowChart.STUCK.toSeconds();
        s.append("<li class=\"")
            .append(isStuck ? "stuck" : "waiting")
            .append("\" data-stage=\"")
            .append(Texts.escapeHtml(stage.stage()))
            .append("\">")
            .append(Texts.escapeHtml(stage.stage()))
            .append(": waiting ")
            .append(Texts.escapeHtml(Texts.duration(Duration.ofSeconds(open.seconds()))))
            .append(isStuck ? " (stuck)" : "")
            .append(" since ")
            .append(Texts.escapeHtml(Texts.time(open.since())))
            .append(", ")
            .append(
                open.url() == null
                    ? "#" + open.issue()
                    : "<a href=\"" + Texts.escapeHtml(open.url()) + "\">#" + open.issue() + "</a>")
            .append(", ")
            .append(open.deploys())
            .append(open.deploys() == 1 ? " deploy" : " deploys")
            .append("</li>");
      }
      s.append("</ul>");
    }
    s.append("</section>");
    s.append("<figure id=\"chart\">").append(FlowChart.svg(p)).append("</figure>");
    s.append(
        "<table id=\"figures\"><thead><tr><th>stage</th><th>deploys</th><th>per week</th>"
            + "<th>gate wait: median / p90 / max</th><th>refused / not planned</th>"
            + "<th>to next stage</th><th>lead time: median / p90</th></tr></thead><tbody>");
    int withoutCommit = 0;
    for (StageFlow stage : p.stages()) {
      withoutCommit += stage.leftOut().withoutCommit();
      s.append("<tr data-stage=\"")
          .append(Texts.escapeHtml(stage.stage()))
          .append("\"><td>")
          .append(Texts.escapeHtml(stage.stage()))
          .append("</td><td>")
          .append(stage.deploys())
          .append("</td><td>")
          .append(String.format(java.util.Locale.ROOT, "%.1f", stage.deploysPerWeek()))
          .append("</td><td>")
          .append(stage.finalStage() ? "last stage" : spread(stage.gateWait(), true))
          .append("</td><td>")
          .append(stage.finalStage() ? "" : stage.refused() + " / " + stage.abandoned())
          .append("</td><td>")
          .append(stage.finalStage() ? "" : seconds(stage.promotionDelay().median()))
          .append("</td><td>")
          .append(spread(stage.leadTime(), false))
          .append("</td></tr>");
    }
    s.append("</tbody></table>");
    if (withoutCommit > 0) {
      s.append("<p class=\"note\">")
          .append(withoutCommit)
          .append(
              " deploys record no commit (issues older than deploy records): counted for deploys"
                  + " and gate waits, left out of lead time.</p>");
    }
    return s.toString();
  }

  private static String spread(Distribution d, boolean withMax) {
    if (d.isEmpty()) {
      return "-";
    }
    return seconds(d.median())
        + " / "
        + seconds(d.p90())
        + (withMax ? " / " + seconds(d.max()) : "")
        + " ("
        + d.samples()
        + ")";
  }

  private static String seconds(Long s) {
    return s == null ? "-" : Texts.escapeHtml(Texts.duration(Duration.ofSeconds(s)));
  }

  private static String page(String title, FlowReport report, String body) {
    StringBuilder nav = new StringBuilder();
    if (report != null) {
      nav.append("<nav class=\"projects\">");
      for (ProjectFlow p : report.projects()) {
        nav.append("<a href=\"/flow?project=")
            .append(Texts.escapeHtml(p.project()))
            .append("\">")
            .append(Texts.escapeHtml(p.project()))
            .append("</a>");
      }
      nav.append("</nav>");
    }
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + Texts.escapeHtml(title)
        + " flow - trafficlight</title><link rel=\"stylesheet\" href=\"/board.css\">"
        + "<link rel=\"stylesheet\" href=\"/flow.css\"></head><body>"
        + "<header><h1><a href=\"/\">trafficlight</a> <span class=\"repo\">"
        + Texts.escapeHtml(report == null ? "" : report.repository())
        + "</span></h1>"
        + nav
        + "</header><main class=\"flow\">"
        + body
        + "</main></body></html>\n";
  }
}
