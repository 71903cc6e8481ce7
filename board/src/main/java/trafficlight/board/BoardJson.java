package trafficlight.board;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.DeployingNotice;
import trafficlight.gate.WebLink;
import trafficlight.json.Json;

/** The board, a commit's whereabouts and a promotion as JSON (for {@code --json} and the web). */
public final class BoardJson {

  private BoardJson() {}

  public static String write(Object value, boolean pretty) {
    return Json.write(value, pretty ? Json.Layout.INDENTED : Json.Layout.COMPACT, Json.Nulls.OMIT);
  }

  public static Map<String, Object> board(Board board, List<Project> projects) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("repository", board.repository());
    m.put("read_at", str(board.readAt()));
    m.put("columns", board.columns());
    List<Object> ps = new ArrayList<>();
    for (Project p : projects) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("project", p.name());
      List<Object> ss = new ArrayList<>();
      p.stages().forEach(s -> ss.add(stage(p, s)));
      pm.put("stages", ss);
      ps.add(pm);
    }
    m.put("projects", ps);
    return m;
  }

  public static Map<String, Object> stage(Project p, Stage s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stage", s.name());
    m.put("short_name", s.shortName());
    m.put("light", s.light().lower());
    m.put("status", s.status());
    m.put("next", s.next());
    m.put("final", s.finalStage());
    m.put("last_deploy_at", str(s.lastDeployAt()));
    m.put("waiting_seconds", s.waiting() == null ? null : s.waiting().toSeconds());
    m.put("builds_waiting", s.buildsWaiting());
    m.put("refusal", s.latest() == null ? null : s.latest().refusal());
    m.put("approval_rule", s.approvalRule().map(BoardJson::rule).orElse(null));
    m.put("latest_issue", s.latest() == null ? null : issue(s.latest()));
    Build b = s.latestBuild();
    m.put("latest_build", b == null ? null : build(b));
    m.put("promotion_carries", PromotionCarries.of(p, s).map(BoardJson::carries).orElse(null));
    return m;
  }

  /** Who may promote, as the stage's latest deploy records name it. */
  private static Map<String, Object> rule(ApprovalRule rule) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("approvers", rule.approvers().stream().map(Object::toString).toList());
    m.put("forbid_self_approval", rule.forbidSelfApproval());
    return m;
  }

  /** What promoting would carry: the summary line and the commits, oldest first. */
  private static Map<String, Object> carries(List<DeployRecord.Commit> commits) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("summary", PromotionCarries.summary(commits));
    m.put("commits", commits(commits));
    return m;
  }

  private static List<Object> commits(List<DeployRecord.Commit> commits) {
    List<Object> list = new ArrayList<>();
    for (DeployRecord.Commit c : commits) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("sha", c.sha());
      cm.put("subject", c.subject());
      cm.put("author", c.author());
      list.add(cm);
    }
    return list;
  }

  public static Map<String, Object> issue(GateIssue i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", i.number());
    m.put("title", i.title());
    m.put("html_url", WebLink.orNull(i.htmlUrl()));
    m.put("state", i.state());
    m.put("state_reason", i.stateReason());
    m.put("created_at", str(i.createdAt()));
    m.put("closed_at", str(i.closedAt()));
    m.put("closed_by", i.closedBy());
    m.put("consumed_by", i.consumedBy());
    m.put("refusal", i.refusal());
    m.put("approved", i.deploying() == null ? null : approved(i.deploying()));
    m.put("deploys", i.deploys());
    List<Object> builds = new ArrayList<>();
    i.builds().forEach(b -> builds.add(build(b)));
    m.put("builds", builds);
    return m;
  }

  public static Map<String, Object> build(Build b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("issue", b.issue());
    m.put("at", str(b.at()));
    m.put("build_name", b.buildName());
    m.put("job", b.job());
    m.put("pipeline", b.pipeline());
    m.put("build_url", b.record().buildLink()); // a javascript: URL is no link
    m.put("commit", b.commit());
    m.put("subject", b.subject());
    m.put("code_repository", b.record().codeRepository());
    m.put("commits", commits(b.record().commits()));
    return m;
  }

  public static Map<String, Object> where(Where.Answer a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("query", a.query());
    m.put("commit", a.commits().isEmpty() ? null : a.commits().get(0));
    m.put("subject", a.subject());
    m.put("code_repository", a.codeRepository());
    m.put("note", a.note());
    List<Object> stages = new ArrayList<>();
    for (Where.StageAnswer s : a.stages()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("project", s.project());
      sm.put("stage", s.stage());
      sm.put("short_name", s.shortName());
      sm.put("deployed", s.deployed());
      sm.put("build", s.build() == null ? null : build(s.build()));
      sm.put("in_commit", s.in());
      sm.put("how", s.how());
      sm.put("close_to_promote", s.closeToPromote());
      sm.put("close_url", WebLink.orNull(s.closeUrl()));
      sm.put("answer", s.answer());
      stages.add(sm);
    }
    m.put("stages", stages);
    return m;
  }

  public static Map<String, Object> promotion(Promotion.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("project", r.promoted().project());
    m.put("stage", r.promoted().shortName());
    m.put("next", r.next());
    m.put("closed_issue", r.closed().number());
    m.put("html_url", WebLink.orNull(r.closed().htmlUrl()));
    m.put("deploys", r.promoted().latest().deploys());
    m.put("by", r.by());
    if (r.chosen() != null) {
      m.put("commit", r.chosen().commit());
      m.put("build", r.chosen().buildName());
    }
    return m;
  }

  /** What a close approved and which build deploys it. */
  private static Map<String, Object> approved(DeployingNotice notice) {
    Map<String, Object> m = new LinkedHashMap<>(notice.approval().toJson());
    Map<String, Object> deploying = new LinkedHashMap<>();
    deploying.put("job", notice.job());
    deploying.put("build", notice.build());
    deploying.put("build_url", notice.buildUrl());
    m.put("deploying", deploying);
    m.put("ignored", notice.ignoredLines());
    return m;
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
