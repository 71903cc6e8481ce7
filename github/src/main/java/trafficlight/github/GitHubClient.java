package trafficlight.github;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The GitHub REST operations this project needs (issues and comments of gate repositories; commits,
 * comparisons and deployments of code repositories; who may do what), with authentication, paging
 * through {@code Link} headers, retries and rate-limit handling. The requests themselves are made
 * by {@link GitHubRequests}; the operations live in groups by what they touch ({@link Issues},
 * {@link Commits}, {@link Deployments}, {@link People}, {@link PullRequests}). One instance per
 * process; not thread-safe for App credentials until the first request has been made.
 */
public final class GitHubClient implements AutoCloseable {

  /** How long a 404 to a team membership question is believed without asking again. */
  public static final Duration NOT_A_MEMBER_FOR = Duration.ofMinutes(10);

  private final GitHubRequests requests;
  private final Issues issues;
  private final Commits commits;
  private final Deployments deployments;
  private final People people;

  public GitHubClient(
      GitHubEndpoint endpoint,
      Credentials credentials,
      Duration timeout,
      RetryPolicy retry,
      Consumer<String> log) {
    this(endpoint, credentials, timeout, retry, log, ResponseCache.NONE);
  }

  /**
   * A client whose GET requests are conditional when {@code cache} holds an ETag for their exact
   * URL; a {@code 304 Not Modified} (which GitHub does not count against the rate limit) is
   * answered from the cache.
   */
  public GitHubClient(
      GitHubEndpoint endpoint,
      Credentials credentials,
      Duration timeout,
      RetryPolicy retry,
      Consumer<String> log,
      ResponseCache cache) {
    Attempts attempts = new Attempts(new HttpTransport(timeout), retry, log);
    this.requests = new GitHubRequests(endpoint, credentials, attempts, cache);
    this.issues = new Issues(requests);
    this.commits = new Commits(requests);
    this.deployments = new Deployments(requests);
    this.people = new People(requests);
  }

  public GitHubEndpoint endpoint() {
    return requests.endpoint();
  }

  /** The requests of this client, for the operation groups outside it ({@link PullRequests}). */
  GitHubRequests requests() {
    return requests;
  }

  // ---- issues and comments

  public Issue getIssue(RepositoryName repo, long number) {
    return issues.get(repo, number);
  }

  /**
   * Lists issues (and pull requests, which the API mixes in) lazily: a page is requested only when
   * iteration reaches it, so a caller that stops early spends no further requests.
   */
  public Iterable<Issue> listIssues(RepositoryName repo, IssueQuery query) {
    return issues.list(repo, query);
  }

  /**
   * Creates an issue. Never retried after an unknown outcome: the caller must look for the issue
   * before trying again (see {@link GitHubException#outcomeUnknown()}).
   */
  public Issue createIssue(
      RepositoryName repo, String title, String body, List<String> labels, List<String> assignees) {
    return issues.create(repo, title, body, labels, assignees);
  }

  /** Changes fields of an issue ({@code title}, {@code state}, ...); safe to repeat. */
  public Issue updateIssue(RepositoryName repo, long number, Map<String, Object> changes) {
    return issues.update(repo, number, changes);
  }

  /** Comments on an issue. Never retried after an unknown outcome, like {@link #createIssue}. */
  public Comment createComment(RepositoryName repo, long number, String body) {
    return issues.comment(repo, number, body);
  }

  /**
   * Comments on an issue, never twice: when the outcome of the request is unknown it looks for a
   * comment with the same text updated at or after {@code since} before it tries again (see {@link
   * WriteOnce}).
   */
  public Comment commentOnce(RepositoryName repo, long number, String body, Instant since) {
    return issues.commentOnce(repo, number, body, since);
  }

  /** The comments on an issue updated at or after {@code since} (all of them when null). */
  public List<Comment> listComments(RepositoryName repo, long number, Instant since) {
    return issues.comments(repo, number, since);
  }

  // ---- code: commits, comparisons, deployments

  /**
   * Compares two commits of a code repository: {@link CommitComparison#contains()} tells whether
   * {@code head} contains {@code base}. A comparison of two full SHAs never changes, so it is asked
   * for once: kept in this client for good, and, as an {@link ResponseCache.Entry#immutable
   * immutable} entry (the fields this project reads, not GitHub's whole answer), in the response
   * cache, so another process sharing a {@link FileResponseCache} does not ask either.
   *
   * @param base a SHA (full or abbreviated), branch or tag
   * @param head likewise
   * @throws CommitNotFoundException when the repository answers but knows base or head not
   * @throws NoCommonAncestorException when their histories share no commit
   * @throws IllegalArgumentException when base or head is not a plausible ref
   */
  public CommitComparison compare(RepositoryName repo, String base, String head) {
    return commits.compare(repo, base, head);
  }

  /**
   * One commit of a code repository; what {@code ref} is resolved to when it is a branch, a tag or
   * an abbreviated SHA. Kept for good, like {@link #compare}, when {@code ref} is a full SHA.
   *
   * @throws CommitNotFoundException when the repository answers but knows no such commit
   */
  public CommitSummary commit(RepositoryName repo, String ref) {
    return commits.commit(repo, ref);
  }

  /**
   * Creates a GitHub Deployment of {@code request.ref()}, with {@code auto_merge: false} and {@code
   * required_contexts: []}; returns its id. Never retried after an unknown outcome.
   */
  public long createDeployment(RepositoryName repo, DeploymentRequest request) {
    return deployments.create(repo, request);
  }

  /**
   * Adds a status to a deployment: {@code state} one of GitHub's ({@code success}, {@code failure},
   * ...), {@code logUrl} the build page (or null), {@code description} cut to GitHub's {@value
   * Deployments#MAX_STATUS_DESCRIPTION} characters (or null). Never retried after an unknown
   * outcome.
   */
  public DeploymentStatus createDeploymentStatus(
      RepositoryName repo, long deploymentId, String state, String logUrl, String description) {
    return deployments.createStatus(repo, deploymentId, state, logUrl, description);
  }

  /**
   * The deployments of a repository, newest first; only those to {@code environment} unless null.
   */
  public List<Deployment> listDeployments(RepositoryName repo, String environment) {
    return deployments.list(repo, environment);
  }

  /** The statuses of a deployment, newest first. */
  public List<DeploymentStatus> listDeploymentStatuses(RepositoryName repo, long deploymentId) {
    return deployments.statuses(repo, deploymentId);
  }

  // ---- people: who the credentials act for, teams, permissions

  /**
   * The login of the user the credentials act for ({@code GET /user}): for a token from the OAuth
   * web flow, the person who signed in.
   *
   * @throws GitHubException on 401 (a revoked or unknown token) and 403 (an App installation has no
   *     user)
   */
  public String authenticatedLogin() {
    return people.authenticatedLogin();
  }

  /**
   * The state of a user's membership of a team ({@code active} or {@code pending}; members of its
   * child teams count), or null when the user is not a member. GitHub answers 404 both for a
   * non-member and for a team that does not exist, so a 404 is followed by {@link #teamExists}.
   * GETs like any other, so a cache makes the repeated question conditional and free. A 404 carries
   * no ETag, so the cache also remembers it for {@link #NOT_A_MEMBER_FOR}: a refused close that
   * stays the newest does not cost a counted request on every check, and a person added to the team
   * counts within that time.
   *
   * @throws TeamNotFoundException when the team does not exist (a misspelt slug)
   * @throws GitHubException on 403 with a message naming the permission the credentials lack
   */
  public String teamMembershipState(String org, String teamSlug, String username) {
    return people.teamMembershipState(org, teamSlug, username);
  }

  /**
   * Whether a user is an active member of a team (a pending invitation is not a membership): {@link
   * #teamMembershipState} is {@code active}.
   *
   * @throws TeamNotFoundException when the team does not exist (a misspelt slug)
   */
  public boolean isActiveTeamMember(String org, String teamSlug, String username) {
    return "active".equals(teamMembershipState(org, teamSlug, username));
  }

  /**
   * Whether the organization has a team with this slug ({@code GET /orgs/{org}/teams/{team_slug}};
   * false on 404, which GitHub also answers for a secret team the credentials cannot see). Found
   * teams are asked conditionally under a cache; a 404, which carries no ETag, is remembered for
   * {@link #NOT_A_MEMBER_FOR}, so a misspelt slug costs one counted request in that time.
   */
  public boolean teamExists(String org, String teamSlug) {
    return people.teamExists(org, teamSlug);
  }

  /**
   * A person's permission on a repository ({@code GET
   * /repos/{owner}/{repo}/collaborators/{username}/permission}); {@link
   * CollaboratorPermission#NONE} when GitHub answers 404 (not a collaborator, or no such user). A
   * GET like any other, so a cache makes the repeated question conditional; callers ask once per
   * person per step.
   *
   * @throws GitHubException on 403 with a message naming the access the credentials lack
   */
  public CollaboratorPermission collaboratorPermission(RepositoryName repo, String username) {
    return people.collaboratorPermission(repo, username);
  }

  @Override
  public void close() {
    requests.close();
  }
}
