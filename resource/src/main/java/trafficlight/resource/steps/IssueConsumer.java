package trafficlight.resource.steps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import trafficlight.gate.Approval;
import trafficlight.gate.ApprovalDecision;
import trafficlight.gate.ConsumedPrefix;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.DeployingNotice;
import trafficlight.gate.GateEvent;
import trafficlight.gate.GateEvents;
import trafficlight.gate.IssueRecords;
import trafficlight.gate.ResourceInterface.InFile;
import trafficlight.gate.ResourceInterface.MetadataKey;
import trafficlight.gate.github.IssueGates;
import trafficlight.github.Comment;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.github.Issue;
import trafficlight.github.RepositoryName;
import trafficlight.json.Json;
import trafficlight.resource.protocol.BuildMetadata;
import trafficlight.resource.protocol.Resource;
import trafficlight.resource.protocol.ResourceException;
import trafficlight.resource.protocol.Version;

/**
 * {@code in}: writes the issue's files and consumes a closed issue by putting the {@link
 * ConsumedPrefix} before its current title, once, so it never triggers again. Open issues are never
 * renamed: the implicit get after a put must be harmless. With {@code approvers} or {@code
 * forbid_self_approval}, a closed issue whose close the rule refuses fails the get, and nothing is
 * renamed or written.
 *
 * <p>For a closed issue it also says what the close approved ({@link ApprovedBuild}): the {@code
 * commit} file and {@code approved} in {@code gh_issue.json}; a {@code /promote} that names no
 * recorded build, or several, fails the get before anything is renamed or written. The build that
 * consumes the issue then comments on it which build deploys what ({@link DeployingNotice}).
 */
final class IssueConsumer {

  private final GitHubClient github;
  private final RepositoryName repository;
  private final Consumer<String> log;
  private final CloseApproval approval;
  private final ApprovedBuild chooser;
  private final GateEvents events;

  IssueConsumer(GitHubClient github, SourceConfig source, Consumer<String> log, GateEvents events) {
    this.github = github;
    this.repository = source.repository();
    this.log = log;
    this.events = events;
    this.approval = new CloseApproval(github, source);
    this.chooser = new ApprovedBuild(approval, log);
  }

  Resource.Result consume(Version version, Path destination, BuildMetadata build, boolean consume) {
    long number = IssueVersion.number(version);
    Issue issue;
    try {
      issue = github.getIssue(repository, number);
    } catch (GitHubException e) {
      if (e.status() == 404 || e.status() == 410) {
        throw new ResourceException(
            "issue #"
                + number
                + " of "
                + repository
                + " no longer exists ("
                + e.getMessage()
                + ")");
      }
      throw e;
    }
    List<Comment> comments =
        issue.isClosed() && issue.comments() > 0
            ? github.listComments(repository, number, null)
            : List.of();
    IssueRecords read = approval.records(issue, comments);
    List<DeployRecord> records = read.records();
    for (String author : read.ignoredAuthors()) {
      log.accept(
          "ignored the deploy records in a comment by "
              + author
              + ": "
              + IssueRecords.WHY_IGNORED
              + " (only the issue's author, the account the puts write with, or someone with"
              + " write permission on "
              + repository
              + " may record a deploy)");
    }
    if (issue.isClosed()
        && !ConsumedPrefix.isConsumed(issue.title())
        && approval.decide(issue, records) instanceof ApprovalDecision.Refused refused) {
      events.send(
          new GateEvent.Refused(gate(issue), issue.closedAt(), issue.closedBy(), refused.reason()));
      throw new ResourceException(
          "issue #" + number + " is not a go-ahead: " + refused.reason() + "; nothing was renamed");
    }
    ApprovedBuild.Chosen chosen = issue.isClosed() ? chooser.of(issue, comments, records) : null;
    Approval approved = chosen == null ? null : chosen.approval();
    if (consume && issue.isClosed() && !ConsumedPrefix.isConsumed(issue.title())) {
      String title = ConsumedPrefix.add(issue.title(), buildName(build));
      issue = github.updateIssue(repository, number, Map.of("title", title));
      log.accept("consumed #" + number + ": renamed to \"" + issue.title() + "\"");
      events.send(new GateEvent.Consumed(gate(issue), Instant.now(), buildName(build), approved));
    }
    boolean consumedByThisBuild =
        consume
            && issue.isClosed()
            && buildName(build).equals(ConsumedPrefix.strip(issue.title()).consumedBy());
    Map<String, Object> ghIssue = new LinkedHashMap<>(version.fields());
    if (approved != null) {
      ghIssue.put("approved", approved.toJson());
      if (approved.pinsCommit()) {
        log.accept(
            "approved commit "
                + approved.commit()
                + (approved.subject() == null ? "" : " " + approved.subject())
                + (approved.closedBy() == null ? "" : ", approved by " + approved.closedBy()));
        writeText(destination.resolve(InFile.COMMIT.fileName()), approved.commit() + "\n");
      } else {
        log.accept(
            "warning: #"
                + number
                + " records no deployed commit (its builds' puts had no commit_from, or it predates"
                + " deploy records): no commit is pinned and no "
                + InFile.COMMIT.fileName()
                + " file is written; set the put param commit_from on the stage that opens it");
      }
    }
    // approved's unknown fields are written as null: a reader (jq in a task) finds every key
    write(destination.resolve(InFile.GH_ISSUE.fileName()), ghIssue, Json.Nulls.WRITE);
    write(destination.resolve(InFile.ISSUE.fileName()), details(issue), Json.Nulls.OMIT);
    if (consumedByThisBuild) {
      announce(
          issue,
          comments,
          new DeployingNotice(
              blankToNull(build.get("BUILD_JOB_NAME")),
              buildName(build),
              build.buildUrl(),
              approved,
              chosen.pickedBy(),
              ignored(chosen, read)));
    }
    return new Resource.Result(version, metadata(issue, approved));
  }

  /**
   * Tells the closed issue which build deploys what it approved, so its closer is notified; once
   * per build: not when an earlier attempt of this get left it ({@code comments} were read before
   * it renamed), and after a lost response not before looking for it ({@link
   * GitHubClient#commentOnce}). A failure is a warning: the deploy matters more than the notice.
   */
  private void announce(Issue issue, List<Comment> comments, DeployingNotice notice) {
    for (Comment comment : comments) {
      if (DeployingNotice.read(comment.body()).filter(notice::sameBuild).isPresent()
          && approval.writtenByThePipeline(issue, comment)) {
        return;
      }
    }
    try {
      Comment left =
          github.commentOnce(repository, issue.number(), notice.render(), issue.updatedAt());
      log.accept("told #" + issue.number() + " what deploys: " + left.htmlUrl());
    } catch (GitHubException e) {
      log.accept(
          "warning: could not comment on #"
              + issue.number()
              + " which build deploys it ("
              + e.getMessage()
              + "); the deploy goes on");
    }
  }

  private GateEvent.Gate gate(Issue issue) {
    return IssueGates.of(repository, issue);
  }

  /** What the notice names as ignored: the {@code /promote}s, then the records' authors. */
  private static List<String> ignored(ApprovedBuild.Chosen chosen, IssueRecords read) {
    List<String> ignored = new java.util.ArrayList<>(chosen.ignored());
    read.ignoredAuthors().forEach(author -> ignored.add(DeployingNotice.ignoredRecords(author)));
    return ignored;
  }

  private static String blankToNull(String value) {
    return value.isBlank() ? null : value;
  }

  private static String buildName(BuildMetadata build) {
    String name = build.get("BUILD_NAME");
    return name.isEmpty() ? build.get("BUILD_ID") : name;
  }

  static Map<String, String> metadata(Issue issue, Approval approved) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(MetadataKey.NUMBER.key(), Long.toString(issue.number()));
    metadata.put(MetadataKey.TITLE.key(), issue.title());
    metadata.put(MetadataKey.STATE.key(), issue.state());
    metadata.put(MetadataKey.HTML_URL.key(), issue.htmlUrl());
    if (approved != null && approved.pinsCommit()) {
      metadata.put(MetadataKey.APPROVED_COMMIT.key(), approved.commit());
      if (approved.subject() != null) {
        metadata.put(MetadataKey.APPROVED_SUBJECT.key(), approved.subject());
      }
    }
    if (approved != null && approved.closedBy() != null) {
      metadata.put(MetadataKey.APPROVED_BY.key(), approved.closedBy());
    }
    return metadata;
  }

  private static Map<String, Object> details(Issue issue) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("number", issue.number());
    details.put("title", issue.title());
    details.put("state", issue.state());
    details.put("state_reason", issue.stateReason());
    details.put("labels", issue.labels());
    details.put("body", issue.body());
    details.put("html_url", issue.htmlUrl());
    details.put("created_at", text(issue.createdAt()));
    details.put("closed_at", text(issue.closedAt()));
    details.put("closed_by", issue.closedBy());
    details.put("comments", issue.comments());
    return details;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static void write(Path file, Object json, Json.Nulls nulls) {
    writeText(file, Json.write(json, Json.Layout.INDENTED, nulls));
  }

  /** Writes through a temporary file, so a failure never leaves half a file. */
  private static void writeText(Path file, String text) {
    try {
      Path temporary = Files.createTempFile(file.getParent(), ".", ".tmp");
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ResourceException("cannot write " + file + ": " + e.getMessage());
    }
  }
}
