package trafficlight.resource.steps;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import trafficlight.gate.CloseReason;
import trafficlight.gate.ConsumedPrefix;
import trafficlight.gate.DeployRecord;
import trafficlight.github.Comment;
import trafficlight.github.GitHubClient;
import trafficlight.github.Issue;
import trafficlight.github.IssueQuery;
import trafficlight.github.RepositoryName;

/**
 * The commit this stage deployed last, as its gate issues record it: the latest record on the open
 * issue, or else on the stage's most recent closed issue (consumed or not). One listing of the
 * closed issues, at most one page, and one listing of that issue's comments.
 */
final class PreviousDeploy {

  /** Closed issues looked at: the first page of the most recently updated ones. */
  private static final int CLOSED_LOOKED_AT = 100;

  private PreviousDeploy() {}

  /** The previous deploy's commit, or null when the stage records none. */
  static String commit(
      GitHubClient github,
      RepositoryName repo,
      String title,
      List<Issue> open,
      List<String> labels) {
    Issue latest = open.isEmpty() ? latestClosed(github, repo, title, labels) : open.get(0);
    if (latest == null) {
      return null;
    }
    List<String> texts = new ArrayList<>();
    texts.add(latest.body());
    if (latest.comments() > 0) {
      for (Comment c : github.listComments(repo, latest.number(), null)) {
        texts.add(c.body());
      }
    }
    for (int i = texts.size() - 1; i >= 0; i--) {
      List<DeployRecord> records = DeployRecord.readAll(texts.get(i));
      for (int j = records.size() - 1; j >= 0; j--) {
        if (records.get(j).commit() != null) {
          return records.get(j).commit();
        }
      }
    }
    return null;
  }

  private static Issue latestClosed(
      GitHubClient github, RepositoryName repo, String title, List<String> labels) {
    Issue latest = null;
    Iterator<Issue> closed =
        github.listIssues(repo, IssueQuery.recentlyUpdated("closed").withLabels(labels)).iterator();
    for (int seen = 0; seen < CLOSED_LOOKED_AT && closed.hasNext(); seen++) {
      Issue issue = closed.next();
      if (issue.pullRequest()
          || CloseReason.of(issue.stateReason()) == CloseReason.DUPLICATE
          || !title.equals(ConsumedPrefix.strip(issue.title()).title())) {
        continue;
      }
      if (latest == null || issue.createdAt().isAfter(latest.createdAt())) {
        latest = issue;
      }
    }
    return latest;
  }
}
