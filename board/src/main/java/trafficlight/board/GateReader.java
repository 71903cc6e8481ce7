package trafficlight.board;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import trafficlight.gate.CloseReason;
import trafficlight.gate.DeployRecord;
import trafficlight.gate.GateLabels;
import trafficlight.gate.IssueRecords;
import trafficlight.gate.RepositoryAccess;
import trafficlight.gate.TitleFormat;
import trafficlight.gate.github.GitHubRepositoryAccess;
import trafficlight.gate.github.IssueTexts;
import trafficlight.github.Comment;
import trafficlight.github.GitHubClient;
import trafficlight.github.Issue;
import trafficlight.github.IssueQuery;
import trafficlight.github.RepositoryName;

/**
 * Reads the gate issues of a repository into {@link BoardModel.Input}s, spending as few requests as
 * it can on a refresh:
 *
 * <ul>
 *   <li>the first read lists every issue labelled {@code pipeline-workflow}; later reads list only
 *       those updated since the newest one seen ({@code since}, which GitHub compares with {@code
 *       >=}, so an unchanged repository gives the same URL and, with a response cache, a {@code
 *       304} that costs no rate limit); every {@link Reading#fullEvery} it lists everything again
 *       (labels removed or issues deleted);
 *   <li>an issue's comments and {@code closed_by} (which only the single-issue GET carries) are
 *       read again only when its {@code updated_at} changed: a comment or a close updates it.
 *       Comments are read for the newest {@link Reading#history} issues of each stage; {@code
 *       closed_by} for the latest one;
 *   <li>the latest issue's close, when its deploy records name an approvers rule, is judged by it
 *       on every read ({@link CloseReview}): team membership may change without the issue changing,
 *       and under the client's cache those questions cost 304s.
 * </ul>
 *
 * Not thread-safe: the caller serializes use of the client.
 */
public final class GateReader {

  /**
   * How a reader reads.
   *
   * @param history how many of each stage's newest issues have their comments read
   * @param fullEvery how often everything is listed again
   * @param clock what tells the time
   */
  public record Reading(int history, Duration fullEvery, Clock clock) {

    /** The board's: the 20 newest issues of a stage, everything again every ten minutes. */
    public static Reading standard(Clock clock) {
      return new Reading(20, Duration.ofMinutes(10), clock);
    }
  }

  private final GitHubClient github;
  private final RepositoryName repo;
  private final TitleFormat format;
  private final Reading reading;
  private final CloseReview review;

  private final Map<Long, Issue> issues = new LinkedHashMap<>();
  private final Map<Long, Details> details = new HashMap<>();
  private Instant watermark;
  private Instant lastFull;
  private RepositoryAccess access = RepositoryAccess.NOBODY;

  private record Details(Instant updatedAt, List<Comment> comments, String closedBy) {}

  public GateReader(GitHubClient github, RepositoryName repo, TitleFormat format, Reading reading) {
    this.github = github;
    this.repo = repo;
    this.format = format;
    this.reading = reading;
    this.review = new CloseReview(github);
  }

  /** A reader as the board reads, by the system clock. */
  public GateReader(GitHubClient github, RepositoryName repo, TitleFormat format) {
    this(github, repo, format, Reading.standard(Clock.systemUTC()));
  }

  public RepositoryName repository() {
    return repo;
  }

  public TitleFormat format() {
    return format;
  }

  /** Reads what changed and builds the board. */
  public Board read() {
    Instant now = reading.clock().instant();
    access =
        GitHubRepositoryAccess.orNone(github, repo); // people's permissions, asked once per read
    boolean full =
        watermark == null || lastFull == null || !now.isBefore(lastFull.plus(reading.fullEvery()));
    IssueQuery query = IssueQuery.recentlyUpdated("all").withLabels(List.of(GateLabels.WORKFLOW));
    if (!full) {
      query = query.withSince(watermark);
    }
    // the whole listing first: a read that fails part way changes nothing, so the next one
    // starts from the same state (clearing first made a failed full read leave the next,
    // incremental one with only the issues updated since the watermark)
    List<Issue> listed = new ArrayList<>();
    for (Issue issue : github.listIssues(repo, query)) {
      if (!issue.pullRequest()) {
        listed.add(issue);
      }
    }
    if (full) {
      issues.clear();
      lastFull = now;
    }
    for (Issue issue : listed) {
      issues.put(issue.number(), issue);
      if (watermark == null || issue.updatedAt().isAfter(watermark)) {
        watermark = issue.updatedAt();
      }
    }
    details.keySet().retainAll(issues.keySet());
    return BoardModel.build(repo.toString(), format, inputs(), now);
  }

  /** Forgets the watermark: the next read lists everything (after a write of our own). */
  public void invalidate() {
    watermark = null;
  }

  private List<BoardModel.Input> inputs() {
    // newest issues of each (project, stage) first
    Map<String, List<Issue>> byStage = new HashMap<>();
    for (Issue issue : issues.values()) {
      format
          .match(issue.title())
          .ifPresent(
              t ->
                  byStage
                      .computeIfAbsent(t.project() + "\n" + t.stage(), k -> new ArrayList<>())
                      .add(issue));
    }
    List<BoardModel.Input> inputs = new ArrayList<>();
    for (List<Issue> stageIssues : byStage.values()) {
      stageIssues.sort(
          Comparator.comparing(Issue::createdAt).thenComparingLong(Issue::number).reversed());
      int rank = 0;
      int latestRank = latestNonDuplicate(stageIssues);
      for (Issue issue : stageIssues) {
        boolean wantComments = rank < reading.history() && issue.comments() > 0;
        boolean wantClosedBy = rank == latestRank && issue.isClosed();
        inputs.add(input(issue, wantComments, wantClosedBy));
        rank++;
      }
    }
    return inputs;
  }

  private static int latestNonDuplicate(List<Issue> newestFirst) {
    for (int i = 0; i < newestFirst.size(); i++) {
      if (CloseReason.of(newestFirst.get(i).stateReason()) != CloseReason.DUPLICATE) {
        return i;
      }
    }
    return -1;
  }

  private BoardModel.Input input(Issue issue, boolean wantComments, boolean wantClosedBy) {
    Details known = details.get(issue.number());
    boolean fresh = known != null && known.updatedAt().equals(issue.updatedAt());
    List<Comment> comments = fresh ? known.comments() : null;
    String closedBy = fresh ? known.closedBy() : null;
    if (wantComments && comments == null) {
      comments = github.listComments(repo, issue.number(), null);
    }
    if (wantClosedBy && closedBy == null) {
      Issue full = github.getIssue(repo, issue.number());
      closedBy = full.closedBy();
      if (!full.updatedAt().equals(issue.updatedAt())) {
        // changed in between: the newer state wins; nothing is remembered, so the next read
        // reads its comments again
        issues.put(full.number(), full);
        return input(full, comments, closedBy, wantClosedBy);
      }
    }
    if (comments != null || closedBy != null) {
      details.put(issue.number(), new Details(issue.updatedAt(), comments, closedBy));
    }
    return input(issue, comments, closedBy, wantClosedBy);
  }

  private BoardModel.Input input(
      Issue issue, List<Comment> comments, String closedBy, boolean latest) {
    List<Comment> read = comments == null ? List.of() : comments;
    IssueRecords records =
        DeployRecord.readIssue(IssueTexts.body(issue), IssueTexts.comments(read), access);
    boolean consumed = format.match(issue.title()).map(t -> t.consumedBy() != null).orElse(false);
    String refusal = latest ? review.refusal(issue, closedBy, records.records(), consumed) : null;
    return new BoardModel.Input(issue, read, closedBy, refusal, records, access);
  }
}
