package trafficlight.resource.steps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import trafficlight.gate.ApprovalDecision;
import trafficlight.gate.IssueFilter;
import trafficlight.github.GitHubClient;
import trafficlight.github.Issue;
import trafficlight.github.IssueQuery;
import trafficlight.github.RepositoryName;
import trafficlight.resource.protocol.Version;
import trafficlight.resource.steps.IssueVersion.Position;

/**
 * {@code check}: finds the issues that are newer versions than the last one.
 *
 * <p>It lists issues most recently updated first and stops as soon as no later page can hold a
 * newer version: an issue's version time (closed or created) is never after its {@code updated_at},
 * so once {@code updated_at} falls below the time to beat, nothing further can beat it. With a
 * previous version, {@code since} also lets GitHub drop older issues; it filters on {@code
 * updated_at}, so an old issue that was merely commented on still comes back and is discarded here
 * by its version time.
 *
 * <p>With {@code approvers} or {@code forbid_self_approval}, a closed issue is a version only when
 * the {@link CloseApproval} allows its close. That takes a single-issue read per candidate (and
 * perhaps team lookups), never for an issue that is not newer than the previous version, and all
 * conditional under check's cache: a steady-state check stays free.
 */
final class VersionFinder {

  private final GitHubClient github;
  private final RepositoryName repository;
  private final IssueFilter filter;
  private final Integer limit;
  private final CloseApproval approval;
  private final Consumer<String> log;

  VersionFinder(GitHubClient github, SourceConfig source, Consumer<String> log) {
    this.github = github;
    this.repository = source.repository();
    this.filter =
        new IssueFilter(
            source.issueState(), source.issuePrefix(), source.labels(), source.skipIfLabeled());
    this.limit = source.limitOldVersions();
    this.approval = new CloseApproval(github, source);
    this.log = log;
  }

  List<Version> newerThan(Version previous) {
    String state = filter.state();
    IssueQuery query = IssueQuery.recentlyUpdated(state).withLabels(filter.labels());
    Position after = previous == null ? null : IssueVersion.position(previous, state);
    if (after != null) {
      // Inclusive: an issue closed in the same second as the previous one is not lost.
      query = query.withSince(after.at());
    }
    List<Issue> found = new ArrayList<>();
    Position toBeat = after;
    for (Issue issue : github.listIssues(repository, query)) {
      if (toBeat != null && issue.updatedAt().isBefore(toBeat.at())) {
        break;
      }
      if (!filter.matches(candidate(issue))) {
        continue;
      }
      Position position = IssueVersion.position(issue, state);
      if (after == null) {
        // First check: only the newest version matters.
        if ((toBeat == null || position.compareTo(toBeat) > 0) && approved(issue)) {
          found.clear();
          found.add(issue);
          toBeat = position;
        }
      } else if (position.compareTo(after) > 0 && approved(issue)) {
        found.add(issue);
      }
    }
    found.sort(Comparator.comparing(issue -> IssueVersion.position(issue, state)));
    if (limit != null && found.size() > limit) {
      found = found.subList(found.size() - limit, found.size());
    }
    List<Version> versions = new ArrayList<>();
    if (previous != null) {
      versions.add(previous);
    }
    for (Issue issue : found) {
      versions.add(IssueVersion.of(issue));
    }
    return versions;
  }

  private static IssueFilter.Candidate candidate(Issue issue) {
    return new IssueFilter.Candidate(
        issue.title(), issue.state(), issue.stateReason(), issue.labels(), issue.pullRequest());
  }

  /** Whether the close of a listed issue is a go-ahead; a refused one is said on stderr. */
  private boolean approved(Issue listed) {
    if (!approval.restricts() || !listed.isClosed()) {
      return true;
    }
    Issue current = github.getIssue(repository, listed.number());
    if (!filter.matches(candidate(current))) {
      return false; // reopened, relabelled or consumed since it was listed
    }
    ApprovalDecision decision = approval.decide(current);
    if (decision instanceof ApprovalDecision.Refused refused) {
      log.accept(
          "#"
              + listed.number()
              + " is not a go-ahead: "
              + refused.reason()
              + " "
              + listed.htmlUrl());
      return false;
    }
    return true;
  }
}
