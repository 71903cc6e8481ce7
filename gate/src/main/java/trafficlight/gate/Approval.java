package trafficlight.gate;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a person approved by closing a gate issue: the build the issue recorded (its commit) and who
 * closed it when. The trigger resource's get writes it into {@code gh_issue.json} as {@code
 * approved}; the next stage's put reads it back from there to say where its deploy came from. Its
 * URLs are kept only when they are http(s) ({@link WebLink}): {@code gh_issue.json} hands out no
 * other link.
 *
 * @param issue the gate issue's number
 * @param issueUrl the gate issue's page, or null
 * @param commit the approved commit's full SHA, lower case, or null when the issue records none (an
 *     older issue, or a put without {@code commit_from}): then no commit is pinned
 * @param subject the commit's subject line, or null
 * @param build the Concourse build name (its number in the job) that recorded the commit, or null
 * @param job that build's job, or null
 * @param buildUrl that build's page, or null
 * @param closedBy the login of whoever closed the issue, or null when GitHub did not say
 * @param closedAt when the issue was closed, or null
 */
public record Approval(
    long issue,
    String issueUrl,
    String commit,
    String subject,
    String build,
    String job,
    String buildUrl,
    String closedBy,
    Instant closedAt) {

  public Approval {
    issueUrl = WebLink.orNull(issueUrl);
    buildUrl = WebLink.orNull(buildUrl);
  }

  /** The approval of {@code record}, the build chosen on a closed issue (null when none is). */
  public static Approval of(
      long issue, String issueUrl, DeployRecord record, String closedBy, Instant closedAt) {
    if (record == null) {
      return new Approval(issue, issueUrl, null, null, null, null, null, closedBy, closedAt);
    }
    return new Approval(
        issue,
        issueUrl,
        record.commit(),
        record.subject(),
        record.buildName(),
        record.job(),
        record.buildUrl(),
        closedBy,
        closedAt);
  }

  /** Whether a commit is pinned. */
  public boolean pinsCommit() {
    return commit != null;
  }

  /** The first 7 characters of the commit, or null. */
  public String shortCommit() {
    return commit == null ? null : commit.substring(0, Math.min(7, commit.length()));
  }

  /**
   * The {@code approved} object of {@code gh_issue.json}: every key always present, null where
   * unknown, so readers (a shell step with {@code jq}) need not test for keys.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("issue", issue);
    json.put("issue_url", issueUrl);
    json.put("commit", commit);
    json.put("subject", subject);
    json.put("build", build);
    json.put("job", job);
    json.put("build_url", buildUrl);
    json.put("closed_by", closedBy);
    json.put("closed_at", closedAt == null ? null : closedAt.toString());
    return json;
  }

  /** The approval {@link #toJson} wrote, or empty when {@code json} is not one. */
  public static Optional<Approval> fromJson(Object json) {
    if (!(json instanceof Map<?, ?> m) || !(m.get("issue") instanceof Number issue)) {
      return Optional.empty();
    }
    Instant closedAt = null;
    if (m.get("closed_at") instanceof String at) {
      try {
        closedAt = Instant.parse(at);
      } catch (DateTimeParseException unreadable) {
        closedAt = null;
      }
    }
    DeployRecord record =
        new DeployRecord(
            new DeployRecord.Change(string(m.get("commit")), string(m.get("subject")), null, null),
            new DeployRecord.Build(
                string(m.get("build")), string(m.get("job")), null, string(m.get("build_url"))),
            null,
            null,
            null);
    return Optional.of(
        of(
            issue.longValue(),
            string(m.get("issue_url")),
            record,
            string(m.get("closed_by")),
            closedAt));
  }

  private static String string(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
