package trafficlight.board.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import trafficlight.board.Texts;

/**
 * {@code trafficlight stats} for people: one row per stage, the open gates first under their own
 * heading, and what lead time left out said in words.
 */
public final class FlowTable {

  private static final List<String> HEADER =
      List.of(
          "PROJECT",
          "STAGE",
          "DEPLOYS",
          "PER WEEK",
          "GATE WAIT (MEDIAN / P90 / MAX)",
          "CLOSES REFUSED/NOT PLANNED",
          "TO NEXT STAGE (MEDIAN)",
          "LEAD TIME (MEDIAN / P90)");

  private FlowTable() {}

  public static String render(FlowReport report) {
    StringBuilder out = new StringBuilder();
    out.append("Flow of ")
        .append(report.repository())
        .append(" from ")
        .append(Texts.time(report.since()))
        .append(" to ")
        .append(Texts.time(report.until()))
        .append('\n');
    if (report.projects().isEmpty()) {
      out.append("no gate issues (label pipeline-workflow) in this window\n");
      return out.toString();
    }
    List<Map.Entry<String, StageFlow>> open = new ArrayList<>();
    for (ProjectFlow p : report.projects()) {
      p.stuck().forEach(s -> open.add(Map.entry(p.project(), s)));
    }
    open.sort(
        Comparator.comparingLong(
                (Map.Entry<String, StageFlow> e) -> e.getValue().waiting().seconds())
            .reversed());
    List<String> stuck = new ArrayList<>();
    for (Map.Entry<String, StageFlow> e : open) {
      StageFlow s = e.getValue();
      stuck.add(
          "  "
              + e.getKey()
              + " "
              + s.stage()
              + ": waiting "
              + Texts.duration(Duration.ofSeconds(s.waiting().seconds()))
              + " since "
              + Texts.time(s.waiting().since())
              + " (#"
              + s.waiting().issue()
              + ", "
              + s.waiting().deploys()
              + (s.waiting().deploys() == 1 ? " deploy)" : " deploys)"));
    }
    out.append('\n')
        .append(stuck.isEmpty() ? "No gate is open.\n" : "Open gates, longest first:\n");
    stuck.forEach(line -> out.append(line).append('\n'));
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (ProjectFlow p : report.projects()) {
      for (StageFlow s : p.stages()) {
        rows.add(
            List.of(
                p.project(),
                s.stage(),
                String.valueOf(s.deploys()),
                String.format(Locale.ROOT, "%.1f", s.deploysPerWeek()),
                s.finalStage() ? "(last stage)" : spread(s.gateWait(), true),
                s.finalStage() ? "" : s.refused() + "/" + s.abandoned(),
                s.finalStage() ? "" : seconds(s.promotionDelay().median()),
                spread(s.leadTime(), false)));
      }
    }
    out.append('\n');
    appendAligned(out, rows);
    int withoutCommit = report.withoutCommit();
    if (withoutCommit > 0) {
      out.append('\n')
          .append(withoutCommit)
          .append(withoutCommit == 1 ? " deploy records" : " deploys record")
          .append(
              " no commit (issues older than deploy records): counted for deploys and gate"
                  + " waits, left out of lead time.\n");
    }
    int skew = 0;
    int unknown = 0;
    for (ProjectFlow p : report.projects()) {
      for (StageFlow st : p.stages()) {
        skew += st.leftOut().clockSkew();
        unknown += st.leftOut().commitUnknown();
      }
    }
    if (skew + unknown > 0) {
      out.append(withoutCommit > 0 ? "" : "\n")
          .append("Left out of lead time: ")
          .append(skew)
          .append(skew == 1 ? " commit" : " commits")
          .append(" authored after its deploy by the clocks' account, ")
          .append(unknown)
          .append(" the code repository did not answer for.\n");
    }
    return out.toString();
  }

  private static String spread(Distribution d, boolean withMax) {
    if (d.isEmpty()) {
      return "-";
    }
    String text = seconds(d.median()) + " / " + seconds(d.p90());
    if (withMax) {
      text += " / " + seconds(d.max());
    }
    return text + " (" + d.samples() + ")";
  }

  private static String seconds(Long s) {
    return s == null ? "-" : Texts.duration(Duration.ofSeconds(s));
  }

  private static void appendAligned(StringBuilder out, List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(row.get(i));
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
