package trafficlight.gate;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
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
 */
public record DeployingNotice(String job, String build, String buildUrl, Approval approval) {

  static final String MARKER = "trafficlight:deploying";

  private static final Pattern NOTICE =
      Pattern.compile("<!--\\s*" + Pattern.quote(MARKER) + "\\s+(\\{.*?\\})\\s*-->");

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
    String text;
    try {
      text = JSON.std.asString(json).replace("-->", "--\\u003e");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return who + what + by + "\n\n<!-- " + MARKER + " " + text + " -->\n";
  }

  /** The notice a comment holds, or empty. */
  public static Optional<DeployingNotice> read(String comment) {
    if (comment == null) {
      return Optional.empty();
    }
    Matcher m = NOTICE.matcher(comment);
    if (!m.find()) {
      return Optional.empty();
    }
    Map<String, Object> json;
    try {
      json = JSON.std.mapFrom(m.group(1));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
    return Approval.fromJson(json.get("approved"))
        .map(
            approval ->
                new DeployingNotice(
                    string(json.get("job")),
                    string(json.get("build")),
                    string(json.get("build_url")),
                    approval));
  }

  /** Whether this notice is of the same deploying build as {@code other}. */
  public boolean sameBuild(DeployingNotice other) {
    return buildUrl != null
        ? buildUrl.equals(other.buildUrl)
        : job != null && job.equals(other.job) && build != null && build.equals(other.build);
  }

  private static String string(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
