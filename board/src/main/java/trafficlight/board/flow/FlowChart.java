package trafficlight.board.flow;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import trafficlight.board.Texts;

/**
 * A project's gate waits and lead times per stage as an SVG drawn on the server (no script, no
 * CDN): one row per stage in chain order, a bar to the median and a paler bar to the 90th
 * percentile on a logarithmic time axis from a minute to weeks, the open gate as a marker, and a
 * dashed line at three days, where a gate counts as stuck. Every bar carries its figures as a
 * tooltip ({@code <title>}), so the chart reads without numbers and the numbers are a hover away.
 */
public final class FlowChart {

  /** Where a gate counts as stuck: docs/BOARD.md's example alert fires past it too. */
  public static final Duration STUCK = Duration.ofDays(3);

  static final String WAIT_COLOUR = "#f0a020";
  static final String LEAD_COLOUR = "#3b6fd8";
  static final String OPEN_COLOUR = "#d64545";

  private static final int WIDTH = 760;
  private static final int LABEL = 150;
  private static final int RIGHT = 20;
  private static final int TOP = 44;
  private static final int ROW = 62;
  private static final int AXIS = 34;
  private static final long MIN_SECONDS = 60;

  /** The axis' ticks and their labels. */
  private static final List<Map.Entry<Long, String>> TICKS =
      List.of(
          Map.entry(60L, "1m"),
          Map.entry(600L, "10m"),
          Map.entry(3_600L, "1h"),
          Map.entry(6 * 3_600L, "6h"),
          Map.entry(86_400L, "1d"),
          Map.entry(3 * 86_400L, "3d"),
          Map.entry(7 * 86_400L, "1w"),
          Map.entry(14 * 86_400L, "2w"),
          Map.entry(28 * 86_400L, "4w"),
          Map.entry(56 * 86_400L, "8w"),
          Map.entry(112 * 86_400L, "16w"));

  private FlowChart() {}

  public static String svg(ProjectFlow project) {
    List<StageFlow> stages = project.stages();
    long max = Math.max(14 * 86_400L, largest(stages));
    int height = TOP + Math.max(1, stages.size()) * ROW + AXIS;
    Scale x = new Scale(LABEL, WIDTH - RIGHT, max);
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow-chart\" role=\"img\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" font-family=\"system-ui, sans-serif\" font-size=\"12\">\n");
    s.append("<title>")
        .append(
            Texts.escapeHtml("Gate waits and lead times of " + project.project() + " per stage"))
        .append("</title>\n");
    legend(s);
    int plotBottom = TOP + Math.max(1, stages.size()) * ROW;
    for (Map.Entry<Long, String> tick : TICKS) {
      if (tick.getKey() > max) {
        break;
      }
      double at = x.at(tick.getKey());
      s.append(line(at, TOP - 6, at, plotBottom, "#e3e6ea", null));
      s.append(text(at, plotBottom + 16, "middle", "#6b7380", tick.getValue()));
    }
    double stuck = x.at(STUCK.toSeconds());
    s.append(line(stuck, TOP - 6, stuck, plotBottom, OPEN_COLOUR, "4 3"));
    s.append(text(stuck + 4, TOP - 8, "start", OPEN_COLOUR, "stuck: 3 days"));
    s.append(text(WIDTH - RIGHT, plotBottom + 30, "end", "#6b7380", "log scale"));
    if (stages.isEmpty()) {
      s.append(text(LABEL, TOP + 30, "start", "#6b7380", "no stages in this window"));
    }
    int y = TOP;
    for (StageFlow stage : stages) {
      row(s, x, y, stage);
      y += ROW;
    }
    return s.append("</svg>\n").toString();
  }

  private static void row(StringBuilder s, Scale x, int y, StageFlow stage) {
    s.append("<g class=\"stage\" data-stage=\"")
        .append(Texts.escapeHtml(stage.stage()))
        .append("\">\n");
    s.append(
        text(LABEL - 10, y + 24, "end", "#1d2430", stage.stage())
            .replace("<text", "<text font-weight=\"600\""));
    if (stage.finalStage()) {
      s.append(text(x.left, y + 16, "start", "#6b7380", "last stage: no gate"));
    } else {
      bar(s, x, y + 6, "gate-wait", WAIT_COLOUR, "gate wait", stage.gateWait());
    }
    bar(s, x, y + 30, "lead-time", LEAD_COLOUR, "lead time", stage.leadTime());
    if (stage.waiting() != null) {
      double at = x.at(stage.waiting().seconds());
      String what =
          "open gate #"
              + stage.waiting().issue()
              + " waiting "
              + Texts.duration(d(stage.waiting().seconds()));
      s.append("<g class=\"open-gate\"><title>")
          .append(Texts.escapeHtml(what))
          .append("</title><path d=\"M")
          .append(fmt(at))
          .append(' ')
          .append(y + 4)
          .append(" l6 -8 h-12 z\" fill=\"")
          .append(OPEN_COLOUR)
          .append("\"/>")
          .append(line(at, y + 4, at, y + 48, OPEN_COLOUR, null))
          .append("</g>\n");
    }
    s.append("</g>\n");
  }

  private static void bar(
      StringBuilder s, Scale x, int y, String kind, String colour, String label, Distribution d) {
    if (d.isEmpty()) {
      s.append(text(x.left + 4, y + 13, "start", "#6b7380", "no " + label + " in this window"));
      return;
    }
    String tip =
        label
            + ": median "
            + Texts.duration(d(d.median()))
            + ", p90 "
            + Texts.duration(d(d.p90()))
            + ", max "
            + Texts.duration(d(d.max()))
            + " ("
            + d.samples()
            + (d.samples() == 1 ? " sample)" : " samples)");
    s.append("<g class=\"")
        .append(kind)
        .append("\"><title>")
        .append(Texts.escapeHtml(tip))
        .append("</title>");
    s.append(rect(x.left, y, Math.max(2, x.at(d.p90()) - x.left), 18, colour, "0.35"));
    s.append(rect(x.left, y, Math.max(2, x.at(d.median()) - x.left), 18, colour, "1"));
    s.append("</g>\n");
  }

  private static void legend(StringBuilder s) {
    s.append(rect(LABEL, 8, 14, 12, WAIT_COLOUR, "1"));
    s.append(text(LABEL + 20, 18, "start", "#1d2430", "gate wait"));
    s.append(rect(LABEL + 100, 8, 14, 12, LEAD_COLOUR, "1"));
    s.append(text(LABEL + 120, 18, "start", "#1d2430", "lead time"));
    s.append(text(LABEL + 200, 18, "start", "#6b7380", "bar: median, pale: 90th percentile"));
    s.append("<path d=\"M")
        .append(LABEL + 440)
        .append(" 20 l6 -8 h-12 z\" fill=\"")
        .append(OPEN_COLOUR)
        .append("\"/>");
    s.append(text(LABEL + 452, 18, "start", "#1d2430", "open gate now"));
  }

  private static long largest(List<StageFlow> stages) {
    long max = 0;
    for (StageFlow s : stages) {
      for (Long v : new Long[] {s.gateWait().max(), s.leadTime().p90()}) {
        if (v != null) {
          max = Math.max(max, v);
        }
      }
      if (s.waiting() != null) {
        max = Math.max(max, s.waiting().seconds());
      }
    }
    return max;
  }

  /** Seconds to x on a log scale; anything under a minute sits at the left edge. */
  private record Scale(double left, double right, long max) {
    double at(long seconds) {
      double lo = Math.log(MIN_SECONDS);
      double hi = Math.log(max);
      double v = Math.log(Math.max(MIN_SECONDS, Math.min(max, seconds)));
      return left + (v - lo) / (hi - lo) * (right - left);
    }
  }

  private static Duration d(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  private static String rect(double x, double y, double w, double h, String fill, String opacity) {
    return "<rect x=\""
        + fmt(x)
        + "\" y=\""
        + fmt(y)
        + "\" width=\""
        + fmt(w)
        + "\" height=\""
        + fmt(h)
        + "\" rx=\"3\" fill=\""
        + fill
        + "\" fill-opacity=\""
        + opacity
        + "\"/>";
  }

  private static String line(
      double x1, double y1, double x2, double y2, String stroke, String dashes) {
    return "<line x1=\""
        + fmt(x1)
        + "\" y1=\""
        + fmt(y1)
        + "\" x2=\""
        + fmt(x2)
        + "\" y2=\""
        + fmt(y2)
        + "\" stroke=\""
        + stroke
        + "\""
        + (dashes == null ? "" : " stroke-dasharray=\"" + dashes + "\"")
        + "/>\n";
  }

  private static String text(double x, double y, String anchor, String fill, String text) {
    return "<text x=\""
        + fmt(x)
        + "\" y=\""
        + fmt(y)
        + "\" text-anchor=\""
        + anchor
        + "\" fill=\""
        + fill
        + "\">"
        + Texts.escapeHtml(text)
        + "</text>\n";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
