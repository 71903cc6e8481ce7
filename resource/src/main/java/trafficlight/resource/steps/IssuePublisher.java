package trafficlight.resource.steps;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import trafficlight.gate.Approval;
import trafficlight.gate.CloseReason;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.GateEvent;
import trafficlight.gate.GateEvents;
import trafficlight.gate.GateLabels;
import trafficlight.gate.ResourceInterface.MetadataKey;
import trafficlight.gate.TitleFormat;
import trafficlight.gate.github.IssueGates;
import trafficlight.github.GitHubClient;
import trafficlight.github.Issue;
import trafficlight.github.IssueQuery;
import trafficlight.github.RepositoryName;
import trafficlight.github.WriteOnce;
import trafficlight.resource.protocol.BuildMetadata;
import trafficlight.resource.protocol.Resource;
import trafficlight.resource.protocol.ResourceException;

/**
 * {@code out}: opens the issue for this title, or, when it is already open, comments this build on
 * it, so one issue lists every build waiting for promotion.
 *
 * <p>The open issue is found by listing open issues, not with the Search API: search lags writes by
 * seconds to minutes and allows 30 requests a minute, which is how mitodl's resource opens
 * duplicates. A create or comment whose response was lost is never blindly repeated: the issue or
 * comment is looked for first.
 */
final class IssuePublisher {

  static final int MAX_TITLE = 256;
  static final int MAX_BODY = 65_536;
  private static final Duration STRAY_AGE = Duration.ofMinutes(5);

  private final GitHubClient github;
  private final SourceConfig source;
  private final RepositoryName repository;
  private final Consumer<String> log;
  private final GateEvents events;

  IssuePublisher(
      GitHubClient github, SourceConfig source, Consumer<String> log, GateEvents events) {
    this.github = github;
    this.source = source;
    this.repository = source.repository();
    this.log = log;
    this.events = events;
  }

  Resource.Result publish(Path sources, BuildMetadata build, PutParams params) {
    Map<String, String> values = build.templateValues();
    String title = source.titleTemplate().render(values);
    if (title.isBlank()) {
      throw new ResourceException("issue_title_template renders an empty title");
    }
    if (title.length() > MAX_TITLE) {
      throw new ResourceException(
          "the issue title has "
              + title.length()
              + " characters, GitHub allows "
              + MAX_TITLE
              + ": shorten issue_title_template (it rendered \""
              + title.substring(0, 60)
              + "...\")");
    }
    String body =
        params.bodyFile() != null
            ? BodyFile.read(sources, params.bodyFile())
            : source.bodyTemplate().render(values);
    DeployedCommit commit =
        params.commitFrom() == null ? null : DeployedCommit.read(sources, params.commitFrom());
    Approval promotedFrom =
        params.approval() == null ? null : ApprovalInput.read(sources, params.approval());
    RepositoryName code = codeRepository(params, commit);
    List<String> labels = union(source.labels(), params.labels());
    List<String> assignees = union(source.assignees(), params.assignees());
    List<Issue> open = openWithTitle(title);
    if (open.size() > 1) {
      mergeIntoOldest(open);
    }

    CarriedSincePrevious carried = CarriedSincePrevious.NONE;
    if (commit != null && code != null) {
      String previous = PreviousDeploy.commit(github, repository, title, open, source.labels());
      carried = CarriedSincePrevious.find(github, code, previous, commit.sha(), log);
    }
    DeployRecord deploy = deployRecord(commit, code, carried, promotedFrom, build, params);
    String tail = carried.markdown() + (recordsSomething(deploy) ? deploy.render() : "");
    body = fit(body, MAX_BODY - tail.length()) + tail;

    Published published = publish(title, body, labels, assignees, open, build);
    announce(published, deploy);
    if (params.githubDeployment()) {
      GitHubDeployment.record(
          github,
          code,
          commit.sha(),
          environment(title, build),
          labels.contains(GateLabels.FINAL),
          build.buildUrl(),
          log);
    }
    return result(
        published.issue(), published.opened() ? MetadataKey.CREATED : MetadataKey.COMMENTED);
  }

  /** The issue the put wrote to, and whether this put opened it. */
  private record Published(Issue issue, boolean opened) {}

  private void announce(Published published, DeployRecord deploy) {
    Issue issue = published.issue();
    GateEvent.Gate gate = IssueGates.of(repository, issue);
    Instant at = Instant.now();
    events.send(
        published.opened()
            ? new GateEvent.Opened(gate, at, deploy)
            : new GateEvent.BuildAdded(gate, at, deploy));
    events.send(new GateEvent.Deployed(gate, at, deploy));
  }

  private Published publish(
      String title,
      String body,
      List<String> labels,
      List<String> assignees,
      List<Issue> open,
      BuildMetadata build) {
    Issue existing;
    if (open.isEmpty()) {
      Opened opened = create(title, body, labels, assignees);
      if (opened.ours()) {
        Issue created = opened.issue();
        Issue keeper = keepOldest(created, title, body);
        if (keeper == created) {
          log.accept("opened #" + created.number() + " " + created.htmlUrl());
          return new Published(created, true);
        }
        return new Published(keeper, false);
      }
      existing = opened.issue(); // another put opened it while ours failed
    } else {
      existing = open.get(0);
    }
    comment(existing, body);
    log.accept(
        "commented build "
            + build.get("BUILD_NAME")
            + " on #"
            + existing.number()
            + " "
            + existing.htmlUrl());
    return new Published(existing, false);
  }

  /**
   * Whether the put has something to record beyond mitodl's body: the commit ({@code commit_from}),
   * the next stage's name ({@code next_stage}), its approvers rule or the approval it came from
   * ({@code approval}). Without, the body stays as mitodl's resource writes it.
   */
  private static boolean recordsSomething(DeployRecord deploy) {
    return deploy.commit() != null
        || deploy.nextStage() != null
        || deploy.approvers() != null
        || deploy.forbidSelfApproval() != null
        || deploy.promotedFrom() != null;
  }

  /** This deploy, as its record says it and its events carry it. */
  private static DeployRecord deployRecord(
      DeployedCommit commit,
      RepositoryName code,
      CarriedSincePrevious carried,
      Approval promotedFrom,
      BuildMetadata build,
      PutParams params) {
    return new DeployRecord(
        new DeployRecord.Change(
            commit == null ? null : commit.sha(),
            commit == null ? null : commit.subject(),
            code == null ? null : code.toString(),
            carried.commits()),
        new DeployRecord.Build(
            build.get("BUILD_NAME"),
            build.get("BUILD_JOB_NAME"),
            build.get("BUILD_PIPELINE_NAME"),
            build.buildUrl()),
        params.nextStage(),
        new DeployRecord.Rule(params.approvers(), params.forbidSelfApproval()),
        promotedFrom);
  }

  /** {@code code_repository}, else what the checkout's {@code origin} names, else null. */
  private static RepositoryName codeRepository(PutParams params, DeployedCommit commit) {
    if (params.codeRepository() != null) {
      return RepositoryName.parse(params.codeRepository());
    }
    return commit == null || commit.codeRepository() == null
        ? null
        : RepositoryName.parse(commit.codeRepository());
  }

  /**
   * The GitHub environment of this stage: the stage as the default title names it, by its last
   * dot-separated part ({@code applications.myapp.QA} is {@code QA}, the board's column); for
   * titles of another form, the job's name.
   */
  private static String environment(String title, BuildMetadata build) {
    return TitleFormat.shortStageOfDefaultTitle(title).orElse(build.get("BUILD_JOB_NAME"));
  }

  private static Resource.Result result(Issue issue, String action) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(MetadataKey.NUMBER.key(), Long.toString(issue.number()));
    metadata.put(MetadataKey.HTML_URL.key(), issue.htmlUrl());
    metadata.put(MetadataKey.ACTION.key(), action);
    metadata.put(MetadataKey.TITLE.key(), issue.title());
    return new Resource.Result(IssueVersion.of(issue), metadata);
  }

  /**
   * Several open issues with one title, left by a put whose create landed after it gave up waiting
   * for it: the builds of the newer ones are copied onto the oldest, which stays the gate, and the
   * newer ones closed as duplicates. Only issues older than {@link #STRAY_AGE}: a younger one may
   * still be handled by the put that created it ({@link #keepOldest}), and merging it here too
   * would copy its build twice.
   */
  private void mergeIntoOldest(List<Issue> open) {
    Issue oldest = open.get(0);
    Instant strayBefore = Instant.now().minus(STRAY_AGE);
    for (Issue duplicate : open.subList(1, open.size())) {
      if (!duplicate.createdAt().isBefore(strayBefore)) {
        continue;
      }
      if (duplicate.body() != null && !duplicate.body().isBlank()) {
        comment(oldest, duplicate.body());
      }
      closeAsDuplicate(duplicate, oldest);
    }
  }

  private void closeAsDuplicate(Issue duplicate, Issue oldest) {
    github.createComment(repository, duplicate.number(), "Duplicate of #" + oldest.number());
    github.updateIssue(
        repository,
        duplicate.number(),
        Map.of("state", "closed", "state_reason", CloseReason.DUPLICATE.apiName()));
    log.accept(
        "#"
            + duplicate.number()
            + " had the same title as #"
            + oldest.number()
            + ": its build was added there and it was closed as a duplicate");
  }

  /** The open issues with exactly this title, oldest first. */
  private List<Issue> openWithTitle(String title) {
    List<Issue> found = new ArrayList<>();
    for (Issue issue :
        github.listIssues(repository, IssueQuery.open().withLabels(source.labels()))) {
      if (!issue.pullRequest() && title.equals(issue.title())) {
        found.add(issue);
      }
    }
    return found;
  }

  /**
   * Creates the issue, never twice ({@link WriteOnce}). After a failure whose outcome is unknown an
   * open issue with our body is ours (the create did land); one with another body was opened by
   * another put meanwhile, and our build goes there as a comment instead.
   */
  private Opened create(String title, String body, List<String> labels, List<String> assignees) {
    return new WriteOnce(log)
        .perform(
            "the issue",
            () -> new Opened(github.createIssue(repository, title, body, labels, assignees), true),
            () -> findOpened(title, body));
  }

  private Optional<Opened> findOpened(String title, String body) {
    List<Issue> open = openWithTitle(title);
    for (Issue issue : open) {
      if (sameText(body, issue.body())) {
        log.accept("the create did reach GitHub: #" + issue.number());
        return Optional.of(new Opened(issue, true));
      }
    }
    return open.isEmpty() ? Optional.empty() : Optional.of(new Opened(open.get(0), false));
  }

  /** The open issue for this title, and whether this put opened it. */
  private record Opened(Issue issue, boolean ours) {}

  /**
   * Two puts that finish together can both find no open issue and both create one. After creating,
   * each put lists again; if it did not open the oldest, it moves its build onto the oldest as a
   * comment and closes its own as a duplicate. Each put handles only its own issue, so every
   * duplicate is merged exactly once.
   */
  private Issue keepOldest(Issue created, String title, String body) {
    List<Issue> open = openWithTitle(title);
    Issue oldest = open.isEmpty() ? created : open.get(0);
    if (oldest.number() >= created.number()) {
      return created;
    }
    comment(oldest, body);
    closeAsDuplicate(created, oldest);
    return oldest;
  }

  private void comment(Issue issue, String body) {
    github.commentOnce(repository, issue.number(), body, issue.updatedAt());
  }

  private static boolean sameText(String ours, String theirs) {
    return theirs != null && ours.strip().equals(theirs.strip());
  }

  /** Cuts a body GitHub would refuse, saying so in the body itself. */
  private String fit(String body, int max) {
    if (body.length() <= max) {
      return body;
    }
    String note =
        "\n\n---\n*This text was cut: it had "
            + body.length()
            + " characters and GitHub allows "
            + MAX_BODY
            + ". The build log has it all.*\n";
    int keep = max - note.length();
    if (Character.isHighSurrogate(body.charAt(keep - 1))) {
      keep--;
    }
    log.accept("the issue body has " + body.length() + " characters; cut to GitHub's " + MAX_BODY);
    return body.substring(0, keep) + note;
  }

  private static List<String> union(List<String> a, List<String> b) {
    LinkedHashSet<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return new ArrayList<>(all);
  }
}
