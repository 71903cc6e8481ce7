package trafficlight.board.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import trafficlight.json.Json;

/**
 * The JSON of {@code trafficlight stats --json}: {@code {"projects": [{"project": "myapp",
 * "stages": [{"stage": "QA", "deploys": 3, "gate_wait_seconds": {"median": …, "p90": …, "max": …},
 * …}]}]}}, stages in chain order. A figure without samples is {@code null}, never 0.
 */
public final class FlowJson {

  private FlowJson() {}

  /** The report as JSON text, nulls written out (a figure without samples says so). */
  public static String write(FlowReport report, boolean pretty) {
    return Json.write(
        report(report), pretty ? Json.Layout.INDENTED : Json.Layout.COMPACT, Json.Nulls.WRITE);
  }

  public static Map<String, Object> report(FlowReport report) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("repository", report.repository());
    m.put("since", report.since().toString());
    m.put("until", report.until().toString());
    List<Object> projects = new ArrayList<>();
    for (ProjectFlow project : report.projects()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("project", project.project());
      p.put("stages", project.stages().stream().map(FlowJson::stage).toList());
      projects.add(p);
    }
    m.put("projects", projects);
    m.put(
        "note",
        report.withoutCommit() == 0
            ? null
            : report.withoutCommit()
                + " deploys record no commit (issues older than deploy records): they count for"
                + " deploys and gate waits, not for lead time");
    return m;
  }

  static Map<String, Object> stage(StageFlow s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stage", s.stage());
    m.put("title_stage", s.titleStage());
    m.put("final", s.finalStage());
    m.put("deploys", s.deploys());
    m.put("deploys_per_week", Math.round(s.deploysPerWeek() * 100) / 100.0);
    m.put("gate_wait_seconds", s.finalStage() ? null : distribution(s.gateWait()));
    m.put("refused_closes", s.refused());
    m.put("not_planned_closes", s.abandoned());
    m.put("promotion_delay_seconds", s.finalStage() ? null : distribution(s.promotionDelay()));
    m.put("lead_time_seconds", distribution(s.leadTime()));
    Map<String, Object> leftOut = new LinkedHashMap<>();
    leftOut.put("without_commit", s.leftOut().withoutCommit());
    leftOut.put("commit_unknown", s.leftOut().commitUnknown());
    leftOut.put("clock_skew", s.leftOut().clockSkew());
    m.put("lead_time_left_out", leftOut);
    StageFlow.OpenGate open = s.waiting();
    m.put("waiting_since", open == null ? null : open.since().toString());
    m.put("waiting_seconds", open == null ? null : open.seconds());
    m.put("waiting_issue", open == null ? null : open.issue());
    return m;
  }

  static Map<String, Object> distribution(Distribution d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("samples", d.samples());
    m.put("median", d.median());
    m.put("p90", d.p90());
    m.put("max", d.max());
    return m;
  }
}
