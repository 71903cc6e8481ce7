package trafficlight.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The record of one deploy in a gate issue's body or comment, as a put writes it: a visible line
 * for people and a versioned JSON object in an HTML comment for the board, the CLI and the relay.
 *
 * <pre>
 * Deployed commit `1a2b3c4` Fix the login page
 * &lt;!-- trafficlight:deploy {"format":1,"commit":"1a2b3c4…","subject":"Fix the login page",…} --&gt;
 * </pre>
 *
 * <p>Readers take the fields they know and ignore the rest, so a record written by a newer version
 * still reads; a record of an older version simply lacks the newer fields (null here). Texts
 * without a record, such as the bodies of mitodl's resource, yield the build their build log link
 * names.
 *
 * @param change what was deployed; never null (its fields are null when not known)
 * @param build the Concourse build that deployed it; never null (its fields are null when not
 *     known)
 * @param nextStage the stage a close of this issue promotes to, spelled as the chain spells it
 *     ({@code Production}, where the label says {@code promotion-to-production}), or null
 * @param rule who may promote by closing the issue, as the trigger resource's source said when this
 *     deploy ran; never null (its fields are null when the record does not say)
 * @param promotedFrom the previous stage's approval this deploy came from (the put's {@code
 *     approval} param), or null
 */
public record DeployRecord(
    Change change, Build build, String nextStage, Rule rule, Approval promotedFrom) {

  /**
   * What a deploy deployed.
   *
   * @param commit the full SHA that was deployed, lower case, or null
   * @param subject the commit's subject line, or null
   * @param codeRepository {@code owner/name} of the repository the commit belongs to, or null
   * @param commits the commits this deploy carried since the stage's previous deploy, oldest first
   *     (the deployed commit last); empty when not known
   */
  public record Change(String commit, String subject, String codeRepository, List<Commit> commits) {
    /** Nothing known of what was deployed. */
    public static final Change UNKNOWN = new Change(null, null, null, null);

    public Change {
      commit = blankToNull(commit);
      if (commit != null) {
        commit =
            SHA.matcher(commit).matches() ? commit.toLowerCase(Locale.ROOT) : null; // not a commit
      }
      subject = blankToNull(subject);
      codeRepository = blankToNull(codeRepository);
      commits = commits == null ? List.of() : List.copyOf(commits);
    }
  }

  /**
   * The Concourse build that deployed.
   *
   * @param name Concourse's build name (its number in the job), or null
   * @param job the deploy job, or null
   * @param pipeline the pipeline, or null
   * @param url the build's page, or null
   */
  public record Build(String name, String job, String pipeline, String url) {
    /** Nothing known of the build. */
    public static final Build UNKNOWN = new Build(null, null, null, null);

    public Build {
      name = blankToNull(name);
      job = blankToNull(job);
      pipeline = blankToNull(pipeline);
      url = blankToNull(url);
    }
  }

  /**
   * The approvers rule a deploy recorded.
   *
   * @param approvers who may promote by closing the issue, as the trigger resource's {@code
   *     approvers} lists them (the generator passes them to the put); null when the record does not
   *     say (older records, or a put without them)
   * @param forbidSelfApproval the trigger resource's {@code forbid_self_approval}, or null when the
   *     record does not say
   */
  public record Rule(List<String> approvers, Boolean forbidSelfApproval) {
    /** The record does not say. */
    public static final Rule UNSAID = new Rule(null, null);

    public Rule {
      approvers = approvers == null ? null : List.copyOf(approvers);
    }
  }

  /**
   * One commit a deploy carried.
   *
   * @param author the GitHub login of its author, or null when unknown
   * @param committer the GitHub login of its committer, or null when unknown
   */
  public record Commit(String sha, String subject, String author, String committer) {}

  /** The version of the record this code writes; readers accept every version. */
  public static final int FORMAT = 1;

  static final String MARKER = "trafficlight:deploy";

  private static final Pattern RECORD = HiddenJson.pattern(MARKER);
  private static final Pattern LOG_LINK =
      Pattern.compile(
          "\\[[^\\]\\n]*build log[^\\]\\n]*\\]\\((https?://[^)\\s]+)\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern BUILD_NUMBER = Pattern.compile("build number (\\S+?)\\.?(?:\\s|$)");
  private static final Pattern URL_PARTS =
      Pattern.compile("/pipelines/([^/?#]+)/jobs/([^/?#]+)/builds/([^/?#]+)");
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

  public DeployRecord {
    change = change == null ? Change.UNKNOWN : change;
    build = build == null ? Build.UNKNOWN : build;
    nextStage = blankToNull(nextStage);
    rule = rule == null ? Rule.UNSAID : rule;
  }

  public String commit() {
    return change.commit();
  }

  public String subject() {
    return change.subject();
  }

  public String codeRepository() {
    return change.codeRepository();
  }

  public List<Commit> commits() {
    return change.commits();
  }

  public String buildName() {
    return build.name();
  }

  public String job() {
    return build.job();
  }

  public String pipeline() {
    return build.pipeline();
  }

  public String buildUrl() {
    return build.url();
  }

  public List<String> approvers() {
    return rule.approvers();
  }

  public Boolean forbidSelfApproval() {
    return rule.forbidSelfApproval();
  }

  /**
   * The rule for closing this issue, for readers to display: present when the record names
   * approvers or {@code forbid_self_approval}. What enforces the rule is the trigger resource's
   * source; a record only says what the pipeline asked for when this deploy ran. Empty for older
   * records and for an entry that no longer reads as a login or a team.
   */
  public Optional<ApprovalRule> approvalRule() {
    if (approvers() == null && forbidSelfApproval() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ApprovalRule.of(
              approvers() == null ? List.of() : approvers(),
              Boolean.TRUE.equals(forbidSelfApproval())));
    } catch (IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * The build's page when it is an http(s) URL ({@link WebLink}), else null: what may be linked.
   */
  public String buildLink() {
    return WebLink.orNull(buildUrl());
  }

  /**
   * The rule of the newest of {@code records} that names one ({@link #approvalRule}): what the
   * pipeline asked for when it last deployed; empty when none says.
   */
  public static Optional<ApprovalRule> newestRule(List<DeployRecord> records) {
    for (int i = records.size() - 1; i >= 0; i--) {
      Optional<ApprovalRule> rule = records.get(i).approvalRule();
      if (rule.isPresent()) {
        return rule;
      }
    }
    return Optional.empty();
  }

  /** The first 7 characters of the commit, or null. */
  public String shortCommit() {
    return commit() == null ? null : commit().substring(0, Math.min(7, commit().length()));
  }

  /**
   * What a put appends to the issue body or comment: the visible line (when a commit is known) and
   * the record.
   */
  public String render() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    putIfSet(json, "commit", commit());
    putIfSet(json, "subject", subject());
    putIfSet(json, "build_name", buildName());
    putIfSet(json, "job", job());
    putIfSet(json, "pipeline", pipeline());
    putIfSet(json, "build_url", buildUrl());
    putIfSet(json, "next_stage", nextStage);
    putIfSet(json, "code_repository", codeRepository());
    if (!commits().isEmpty()) {
      List<Map<String, Object>> carried = new ArrayList<>();
      for (Commit c : commits()) {
        Map<String, Object> one = new LinkedHashMap<>();
        putIfSet(one, "sha", c.sha());
        putIfSet(one, "subject", c.subject());
        putIfSet(one, "author", c.author());
        putIfSet(one, "committer", c.committer());
        carried.add(one);
      }
      json.put("commits", carried);
    }
    if (approvers() != null) {
      json.put("approvers", approvers());
    }
    if (forbidSelfApproval() != null) {
      json.put("forbid_self_approval", forbidSelfApproval());
    }
    if (promotedFrom != null) {
      json.put("promoted_from", promotedFrom.toJson());
    }
    String visible =
        commit() == null
            ? ""
            : "Deployed commit `"
                + shortCommit()
                + "`"
                + (subject() == null ? "" : " " + subject())
                + "\n";
    return "\n\n" + visible + promotedFromLine() + HiddenJson.render(MARKER, json) + "\n";
  }

  /** "Promoted from #12, approved by alice" for people, linked to the issue; empty when unknown. */
  private String promotedFromLine() {
    if (promotedFrom == null) {
      return "";
    }
    String issue = "#" + promotedFrom.issue();
    return "Promoted from "
        + (promotedFrom.issueUrl() == null
            ? issue
            : "[" + issue + "](" + promotedFrom.issueUrl() + ")")
        + (promotedFrom.closedBy() == null ? "" : ", approved by " + promotedFrom.closedBy())
        + "\n";
  }

  /**
   * The deploys a gate issue records that count: its body's, then each comment's in the order given
   * (GitHub lists comments oldest first), each only when {@link #writtenByThePipeline} says its
   * author is the account the puts write with. This is the one reader of an issue's records: a
   * record in anyone else's comment (a forged build, a forged approvers rule) is left out and its
   * author named in {@link IssueRecords#ignoredAuthors}.
   *
   * @param access asked only for authors of texts holding records who are neither the issue's
   *     author nor the repository's owner
   */
  public static IssueRecords readIssue(
      IssueText issue, List<IssueText> comments, RepositoryAccess access) {
    List<IssueRecords.Recorded> counted = new ArrayList<>();
    Set<String> ignored = new LinkedHashSet<>();
    List<IssueText> texts = new ArrayList<>();
    texts.add(issue);
    texts.addAll(comments);
    for (IssueText text : texts) {
      List<DeployRecord> found = readAll(text.body());
      if (found.isEmpty()) {
        continue;
      }
      if (writtenByThePipeline(text, issue.author(), access)) {
        found.forEach(record -> counted.add(new IssueRecords.Recorded(record, text)));
      } else {
        ignored.add(text.author() == null ? "an unknown user" : text.author());
      }
    }
    return new IssueRecords(counted, List.copyOf(ignored));
  }

  /**
   * Whether a text's records count: written by the account the puts write with. That is the issue's
   * author (the put opened it); for an issue opened otherwise, an account with write permission or
   * more (a put's token must push). {@code author_association} {@code OWNER} is a free answer;
   * {@code MEMBER} and {@code COLLABORATOR} are not, as they include read access.
   */
  public static boolean writtenByThePipeline(
      IssueText text, String issueAuthor, RepositoryAccess access) {
    String author = text.author();
    if (author == null || author.isBlank()) {
      return false;
    }
    if (author.equalsIgnoreCase(String.valueOf(issueAuthor))) {
      return true;
    }
    if ("OWNER".equalsIgnoreCase(text.authorAssociation())) {
      return true;
    }
    return access.permissionOf(author).atLeast(Permission.WRITE);
  }

  /**
   * The deploys a text records, in order, each once; empty when it records none (a person's
   * comment). Records come first; a text with none yields the builds its build log links name.
   */
  public static List<DeployRecord> readAll(String text) {
    List<DeployRecord> found = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return found;
    }
    Set<String> seen = new LinkedHashSet<>();
    Matcher m = RECORD.matcher(text);
    while (m.find()) {
      DeployRecord record = fromJson(m.group(1));
      if (record != null && seen.add(record.identity())) {
        found.add(record);
      }
    }
    if (!found.isEmpty()) {
      return found;
    }
    Matcher link = LOG_LINK.matcher(text);
    while (link.find()) {
      DeployRecord record = fromLogLink(link.group(1), text);
      if (seen.add(record.identity())) {
        found.add(record);
      }
    }
    return found;
  }

  private static DeployRecord fromLogLink(String url, String text) {
    Matcher parts = URL_PARTS.matcher(url);
    if (parts.find()) {
      return new DeployRecord(
          null, new Build(parts.group(3), parts.group(2), parts.group(1), url), null, null, null);
    }
    Matcher number = BUILD_NUMBER.matcher(text);
    return new DeployRecord(
        null, new Build(number.find() ? number.group(1) : null, null, null, url), null, null, null);
  }

  private String identity() {
    return buildUrl() != null ? buildUrl() : commit() + "@" + buildName();
  }

  private static DeployRecord fromJson(String json) {
    Map<String, Object> m = HiddenJson.parse(json);
    if (m == null) {
      return null;
    }
    return new DeployRecord(
        new Change(
            string(m.get("commit")),
            string(m.get("subject")),
            string(m.get("code_repository")),
            commits(m.get("commits"))),
        new Build(
            string(m.get("build_name")),
            string(m.get("job")),
            string(m.get("pipeline")),
            string(m.get("build_url"))),
        string(m.get("next_stage")),
        new Rule(
            strings(m.get("approvers")),
            m.get("forbid_self_approval") instanceof Boolean b ? b : null),
        Approval.fromJson(m.get("promoted_from")).orElse(null));
  }

  private static List<String> strings(Object value) {
    if (!(value instanceof List<?> list)) {
      return null;
    }
    List<String> strings = new ArrayList<>();
    for (Object item : list) {
      if (item != null) {
        strings.add(String.valueOf(item));
      }
    }
    return strings;
  }

  private static List<Commit> commits(Object value) {
    List<Commit> commits = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> c && c.get("sha") != null) {
          commits.add(
              new Commit(
                  string(c.get("sha")),
                  string(c.get("subject")),
                  string(c.get("author")),
                  string(c.get("committer"))));
        }
      }
    }
    return commits;
  }

  private static String string(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static String blankToNull(String value) {
    if (value == null) {
      return null;
    }
    String s = value.strip();
    return s.isEmpty() ? null : s;
  }

  private static void putIfSet(Map<String, Object> json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
