package trafficlight.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The comment the next stage's get leaves on the gate issue it consumed, so that whoever closed it
 * is notified and can click through to the deploy:
 *
 * <pre>
 * [deploy-production #12](https://ci.example.com/…/builds/12) is deploying `abc1234` Fix the cart total, approved by alice
 * &lt;!-- trafficlight:deploying {"format":1,"job":"deploy-production","build":"12",…} --&gt;
 * </pre>
 *
 * The link's text is never "build log", so {@link DeployRecord#readAll} does not take the comment
 * for a deploy of this stage.
 *
 * @param job the deploying job, or null
 * @param build the deploying build's name (its number in the job), or null
 * @param buildUrl the deploying build's page, or null
 * @param approval what the consumed issue approved
 * @param pickedBy whose {@code /promote} chose the build, or null when the newest was approved
 * @param ignored what the get ignored on the issue, each a phrase for people ({@link
 *     #ignoredDirective}, {@link #ignoredRecords}); empty when nothing was
 */
public record DeployingNotice(
    String job,
    String build,
    String buildUrl,
    Approval approval,
    String pickedBy,
    List<String> ignored) {

  public DeployingNotice {
    buildUrl = WebLink.orNull(buildUrl);
    ignored = ignored == null ? List.of() : List.copyOf(ignored);
  }

  /** A notice of the newest build, with nothing ignored. */
  public DeployingNotice(String job, String build, String buildUrl, Approval approval) {
    this(job, build, buildUrl, approval, null, List.of());
  }

  /** "`/promote 4d2b36c` by mallory (not allowed to promote)". */
  public static String ignoredDirective(PromoteDirective directive, String author) {
    return "`" + directive + "` by " + author + " (" + ApprovalRule.WHY_NOT_DIRECTING + ")";
  }

  /** "the deploy records in a comment by mallory (not written by the pipeline)". */
  public static String ignoredRecords(String author) {
    return "the deploy records in a comment by " + author + " (" + IssueRecords.WHY_IGNORED + ")";
  }

  static final String MARKER = "trafficlight:deploying";

  private static final Pattern NOTICE = HiddenJson.pattern(MARKER);

  /** The comment's text: the line for people and the record readers take back. */
  public String render() {
    String deploy = (job == null ? "build" : job) + (build == null ? "" : " #" + build);
    String who = buildUrl == null ? deploy : "[" + deploy + "](" + buildUrl + ")";
    String what =
        approval.pinsCommit()
            ? " is deploying `"
                + approval.shortCommit()
                + "`"
                + (approval.subject() == null ? "" : " " + approval.subject())
            : " is deploying (no commit is pinned: the issue records none)";
    String by =
        approval.closedBy() == null
            ? ", closed by an unknown user"
            : ", approved by " + approval.closedBy();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", DeployRecord.FORMAT);
    json.put("job", job);
    json.put("build", build);
    json.put("build_url", buildUrl);
    json.put("approved", approval.toJson());
    if (pickedBy != null) {
      json.put("picked_by", pickedBy);
    }
    if (!ignored.isEmpty()) {
      json.put("ignored", ignored);
    }
    StringBuilder notes = new StringBuilder();
    for (String line : ignoredLines()) {
      notes.append("\n\n").append(line);
    }
    return who + what + by + notes + "\n\n" + HiddenJson.render(MARKER, json) + "\n";
  }

  /**
   * One line per ignored thing, for people: "ignored `/promote 4d2b36c` by mallory (not allowed to
   * promote); deploying the newest build `072d269`".
   */
  public List<String> ignoredLines() {
    String deploying =
        "; deploying "
            + (pickedBy == null ? "the newest build" : "the build " + pickedBy + " picked")
            + (approval.pinsCommit() ? " `" + approval.shortCommit() + "`" : " (no commit pinned)");
    List<String> lines = new ArrayList<>();
    for (String what : ignored) {
      lines.add("ignored " + what + deploying);
    }
    return lines;
  }

  /** The notice a comment holds, or empty. */
  public static Optional<DeployingNotice> read(String comment) {
    Map<String, Object> json = HiddenJson.first(NOTICE, comment).orElse(null);
    if (json == null) {
      return Optional.empty();
    }
    return Approval.fromJson(json.get("approved"))
        .map(
            approval ->
                new DeployingNotice(
                    string(json.get("job")),
                    string(json.get("build")),
                    string(json.get("build_url")),
                    approval,
                    string(json.get("picked_by")),
                    strings(json.get("ignored"))));
  }

  /** Whether this notice is of the same deploying build as {@code other}. */
  public boolean sameBuild(DeployingNotice other) {
    return buildUrl != null
        ? buildUrl.equals(other.buildUrl)
        : job != null && job.equals(other.job) && build != null && build.equals(other.build);
  }

  private static List<String> strings(Object value) {
    List<String> strings = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item != null) {
          strings.add(String.valueOf(item));
        }
      }
    }
    return strings;
  }

  private static String string(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
