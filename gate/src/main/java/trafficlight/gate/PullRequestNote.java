package trafficlight.gate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one comment a pull request gets, kept current by every deploy that carries its change: a line
 * per stage, for people, and the same lines as hidden JSON, which the next deploy reads back,
 * changes and writes again.
 *
 * <pre>
 * **Where this change is** (kept current by trafficlight)
 *
 * - **QA**: deployed 2026-12-07 21:40 UTC by [deploy-qa #3](https://ci…/builds/3) (`1a2b3c4`)
 * - **Production**: waiting for [acme/gates#5](https://github.com/acme/gates/issues/5) to be
 *   closed (who may close it: alice, acme/release)
 * &lt;!-- trafficlight:pull-request {"format":1,"stages":[…]} --&gt;
 * </pre>
 *
 * @param stages in the order of the chain, as deploys made them known
 */
public record PullRequestNote(List<Stage> stages) {

  static final String MARKER = "trafficlight:pull-request";
  static final String ARRIVAL_MARKER = "trafficlight:pull-request-arrival";

  private static final Pattern NOTE = HiddenJson.pattern(MARKER);
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Where the change is at one stage. */
  public enum State {
    DEPLOYED,
    WAITING,
    NOT_YET
  }

  /**
   * One stage's line.
   *
   * @param at when it was deployed, or null
   * @param build the deploying build as people name it ({@code deploy-qa #3}), or null
   * @param buildUrl the build's page, or null
   * @param commit the deployed commit, or null
   * @param gate the gate issue whose close deploys this stage (when waiting), or null
   * @param approvers who may close that issue, as the record lists them; empty for anyone
   */
  public record Stage(
      String name,
      State state,
      Instant at,
      String build,
      String buildUrl,
      String commit,
      Gate gate,
      List<String> approvers) {
    public Stage {
      approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }

    static Stage deployed(String name, Instant at, String build, String buildUrl, String commit) {
      return new Stage(name, State.DEPLOYED, at, build, buildUrl, commit, null, List.of());
    }

    static Stage waiting(String name, Gate gate, List<String> approvers) {
      return new Stage(name, State.WAITING, null, null, null, null, gate, approvers);
    }
  }

  /**
   * A gate issue, as the note links it.
   *
   * @param repository {@code owner/name} of the gate repository
   * @param url its page, or null
   */
  public record Gate(String repository, long number, String url) {}

  /**
   * A deploy of the change to one stage, as the note takes it.
   *
   * @param stage the stage deployed to
   * @param nextStage the stage a close of {@code gate} deploys, or null when this was the last
   * @param gate the gate issue this deploy opened or added to
   * @param approvers who may close it; empty for anyone
   */
  public record Deploy(
      String stage,
      Instant at,
      String build,
      String buildUrl,
      String commit,
      String nextStage,
      Gate gate,
      List<String> approvers) {}

  public PullRequestNote {
    stages = List.copyOf(stages);
  }

  /** A note that knows no stage yet. */
  public static PullRequestNote empty() {
    return new PullRequestNote(List.of());
  }

  /** The stage of this name, or empty. */
  public Optional<Stage> stage(String name) {
    return stages.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
  }

  /** Whether the change was deployed to {@code stage}. */
  public boolean reached(String stage) {
    return stage(stage).map(s -> s.state() == State.DEPLOYED).orElse(false);
  }

  /**
   * This note after {@code deploy}: its stage deployed, its next stage waiting for its gate issue
   * (unless the change already reached that stage), every other line kept.
   */
  public PullRequestNote with(Deploy deploy) {
    List<Stage> next = new ArrayList<>(stages);
    Stage deployed =
        Stage.deployed(
            deploy.stage(), deploy.at(), deploy.build(), deploy.buildUrl(), deploy.commit());
    int at = indexOf(next, deploy.stage());
    if (at >= 0) {
      next.set(at, deployed);
    } else {
      int following = deploy.nextStage() == null ? -1 : indexOf(next, deploy.nextStage());
      at = following >= 0 ? following : next.size();
      next.add(at, deployed);
    }
    if (deploy.nextStage() != null && !reached(deploy.nextStage())) {
      Stage waiting = Stage.waiting(deploy.nextStage(), deploy.gate(), deploy.approvers());
      int known = indexOf(next, deploy.nextStage());
      if (known >= 0) {
        next.set(known, waiting);
      } else {
        next.add(at + 1, waiting);
      }
    }
    return new PullRequestNote(next);
  }

  private static int indexOf(List<Stage> stages, String name) {
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The comment's text. */
  public String render() {
    StringBuilder text =
        new StringBuilder("**Where this change is** (kept current by trafficlight)\n\n");
    List<Map<String, Object>> json = new ArrayList<>();
    for (Stage stage : stages) {
      text.append("- **").append(stage.name()).append("**: ").append(line(stage)).append('\n');
      json.add(toJson(stage));
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("format", DeployRecord.FORMAT);
    record.put("stages", json);
    return text + "\n" + HiddenJson.render(MARKER, record) + "\n";
  }

  private static String line(Stage stage) {
    return switch (stage.state()) {
      case DEPLOYED ->
          "deployed"
              + (stage.at() == null ? "" : " " + WHEN.format(stage.at()))
              + (stage.build() == null ? "" : " by " + link(stage.build(), stage.buildUrl()))
              + (stage.commit() == null ? "" : " (`" + shortSha(stage.commit()) + "`)");
      case WAITING ->
          stage.gate() == null
              ? "waiting for the previous stage's gate issue to be closed"
              : "waiting for "
                  + link(
                      stage.gate().repository() + "#" + stage.gate().number(), stage.gate().url())
                  + " to be closed"
                  + (stage.approvers().isEmpty()
                      ? ""
                      : " (who may close it: " + String.join(", ", stage.approvers()) + ")");
      case NOT_YET -> "not yet";
    };
  }

  /**
   * The short new comment a pull request gets when its change reaches the last stage: a new comment
   * notifies the pull request's participants, where an edit of the note notifies no one.
   */
  public static String arrival(String stage, Instant at, String build, String buildUrl) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", DeployRecord.FORMAT);
    json.put("stage", stage);
    if (buildUrl != null) {
      json.put("build_url", buildUrl);
    }
    return "This change is in **"
        + stage
        + "**"
        + (build == null ? "" : ", deployed by " + link(build, buildUrl))
        + (at == null ? "" : " at " + WHEN.format(at))
        + ".\n\n"
        + HiddenJson.render(ARRIVAL_MARKER, json)
        + "\n";
  }

  /** The note a comment holds, or empty when it is not one. */
  public static Optional<PullRequestNote> read(String comment) {
    Map<String, Object> json = HiddenJson.first(NOTE, comment).orElse(null);
    if (json == null || !(json.get("stages") instanceof List<?> list)) {
      return Optional.empty();
    }
    List<Stage> stages = new ArrayList<>();
    for (Object item : list) {
      if (item instanceof Map<?, ?> s && s.get("name") != null) {
        stages.add(fromJson(s));
      }
    }
    return Optional.of(new PullRequestNote(stages));
  }

  private static Map<String, Object> toJson(Stage stage) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", stage.name());
    json.put("state", stage.state().name().toLowerCase(Locale.ROOT));
    putIfSet(json, "at", stage.at() == null ? null : stage.at().toString());
    putIfSet(json, "build", stage.build());
    putIfSet(json, "build_url", stage.buildUrl());
    putIfSet(json, "commit", stage.commit());
    if (stage.gate() != null) {
      Map<String, Object> gate = new LinkedHashMap<>();
      gate.put("repository", stage.gate().repository());
      gate.put("number", stage.gate().number());
      putIfSet(gate, "url", stage.gate().url());
      json.put("gate", gate);
    }
    if (!stage.approvers().isEmpty()) {
      json.put("approvers", stage.approvers());
    }
    return json;
  }

  private static Stage fromJson(Map<?, ?> s) {
    State state;
    try {
      state = State.valueOf(String.valueOf(s.get("state")).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      state = State.NOT_YET;
    }
    Gate gate = null;
    if (s.get("gate") instanceof Map<?, ?> g && g.get("number") instanceof Number number) {
      gate = new Gate(string(g.get("repository")), number.longValue(), string(g.get("url")));
    }
    List<String> approvers = new ArrayList<>();
    if (s.get("approvers") instanceof List<?> list) {
      list.forEach(a -> approvers.add(String.valueOf(a)));
    }
    return new Stage(
        String.valueOf(s.get("name")),
        state,
        instant(s.get("at")),
        string(s.get("build")),
        string(s.get("build_url")),
        string(s.get("commit")),
        gate,
        approvers);
  }

  private static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(String.valueOf(value));
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }

  private static String link(String text, String url) {
    return url == null ? text : "[" + text + "](" + url + ")";
  }

  private static String shortSha(String sha) {
    return sha.substring(0, Math.min(7, sha.length()));
  }

  private static String string(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static void putIfSet(Map<String, Object> json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
