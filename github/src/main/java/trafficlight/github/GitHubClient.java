package trafficlight.github;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub REST operations this project needs (issues and comments of gate repositories; commits,
 * comparisons and deployments of code repositories), with authentication, paging through {@code
 * Link} headers, retries and rate-limit handling. One instance per process; not thread-safe for App
 * credentials until the first request has been made.
 */
public final class GitHubClient implements AutoCloseable {

  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final Pattern REF = Pattern.compile("[A-Za-z0-9._/-]+");
  private static final int MAX_STATUS_DESCRIPTION = 140;
  private static final String USER_AGENT = "trafficlight-resource";

  private final GitHubEndpoint endpoint;
  private final Credentials credentials;
  private final RetryPolicy retry;
  private final Consumer<String> log;
  private final Clock clock = Clock.systemUTC();
  private final HttpTransport transport;
  private final ResponseCache cache;
  private String bearer;
  private final ImmutableAnswers remembered = new ImmutableAnswers();

  /** How long a 404 to a team membership question is believed without asking again. */
  public static final Duration NOT_A_MEMBER_FOR = Duration.ofMinutes(10);

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
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.retry = retry;
    this.log = log;
    this.cache = cache == null ? ResponseCache.NONE : cache;
    this.transport = new HttpTransport(timeout);
  }

  public GitHubEndpoint endpoint() {
    return endpoint;
  }

  public Issue getIssue(RepositoryName repo, long number) {
    return GitHubJson.issue(call("GET", repo.path() + "/issues/" + number, null).json());
  }

  /**
   * The login of the user the credentials act for ({@code GET /user}): for a token from the OAuth
   * web flow, the person who signed in.
   *
   * @throws GitHubException on 401 (a revoked or unknown token) and 403 (an App installation has no
   *     user)
   */
  public String authenticatedLogin() {
    Object json = call("GET", "/user", null).json();
    if (json instanceof Map<?, ?> m && m.get("login") instanceof String login && !login.isBlank()) {
      return login;
    }
    throw new GitHubException(200, "GET /user answered without a login");
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
    String path = "/orgs/" + org + "/teams/" + teamSlug + "/memberships/" + username;
    String absent = endpoint.resolve(path) + "#not-a-member";
    ResponseCache.Entry remembered = cache.lookup(absent);
    if (remembered != null && clock.instant().isBefore(notMemberUntil(remembered))) {
      return null;
    }
    try {
      Object json = call("GET", path, null).json();
      cache.forget(absent);
      return json instanceof Map<?, ?> m && m.get("state") instanceof String state ? state : null;
    } catch (GitHubException e) {
      if (e.status() == 404) {
        if (!teamExists(org, teamSlug)) {
          throw new TeamNotFoundException(org, teamSlug);
        }
        Instant until = clock.instant().plus(NOT_A_MEMBER_FOR);
        cache.store(absent, new ResponseCache.Entry("not-a-member", until.toString(), null));
        return null;
      }
      if (e.status() == 403) {
        throw new GitHubException(
            403,
            "GET "
                + path
                + " answered 403 "
                + e.githubMessage()
                + ": the credentials cannot read the team "
                + org
                + "/"
                + teamSlug
                + "; a token's user must belong to "
                + org
                + " and the token needs the read:org scope (a fine-grained token: Members: read), a"
                + " GitHub App needs the organization permission Members: read",
            e.githubMessage());
      }
      throw e;
    }
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
    String path = "/orgs/" + org + "/teams/" + teamSlug;
    String absent = endpoint.resolve(path) + "#no-such-team";
    ResponseCache.Entry remembered = cache.lookup(absent);
    if (remembered != null && clock.instant().isBefore(notMemberUntil(remembered))) {
      return false;
    }
    try {
      call("GET", path, null);
      cache.forget(absent);
      return true;
    } catch (GitHubException e) {
      if (e.status() == 404) {
        Instant until = clock.instant().plus(NOT_A_MEMBER_FOR);
        cache.store(absent, new ResponseCache.Entry("no-such-team", until.toString(), null));
        return false;
      }
      throw e;
    }
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
    String path =
        repo.path()
            + "/collaborators/"
            + URLEncoder.encode(username, StandardCharsets.UTF_8)
            + "/permission";
    try {
      Object json = call("GET", path, null).json();
      if (json instanceof Map<?, ?> m) {
        return new CollaboratorPermission(
            m.get("permission") instanceof String p ? p : null,
            m.get("role_name") instanceof String r ? r : null);
      }
      return CollaboratorPermission.NONE;
    } catch (GitHubException e) {
      if (e.status() == 404) {
        return CollaboratorPermission.NONE;
      }
      if (e.status() == 403) {
        throw new GitHubException(
            403,
            "GET "
                + path
                + " answered 403 "
                + e.githubMessage()
                + ": the credentials may not read who may do what in "
                + repo
                + "; a token's user needs push access to it (a fine-grained token or GitHub App:"
                + " Metadata: read and Contents or Issues: write)",
            e.githubMessage());
      }
      throw e;
    }
  }

  /**
   * Lists issues (and pull requests, which the API mixes in) lazily: a page is requested only when
   * iteration reaches it, so a caller that stops early spends no further requests.
   */
  public Iterable<Issue> listIssues(RepositoryName repo, IssueQuery query) {
    URI first = endpoint.resolve(repo.path() + "/issues?" + query.toQueryString());
    return () -> new PagedIterator<>(first, GitHubJson::issues);
  }

  /**
   * Creates an issue. Never retried after an unknown outcome: the caller must look for the issue
   * before trying again (see {@link GitHubException#outcomeUnknown()}).
   */
  public Issue createIssue(
      RepositoryName repo, String title, String body, List<String> labels, List<String> assignees) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("title", title);
    request.put("body", body);
    if (!labels.isEmpty()) {
      request.put("labels", labels);
    }
    if (!assignees.isEmpty()) {
      request.put("assignees", assignees);
    }
    return GitHubJson.issue(call("POST", repo.path() + "/issues", request).json());
  }

  /** Changes fields of an issue ({@code title}, {@code state}, ...); safe to repeat. */
  public Issue updateIssue(RepositoryName repo, long number, Map<String, Object> changes) {
    return GitHubJson.issue(call("PATCH", repo.path() + "/issues/" + number, changes).json());
  }

  /** Comments on an issue. Never retried after an unknown outcome, like {@link #createIssue}. */
  public Comment createComment(RepositoryName repo, long number, String body) {
    return GitHubJson.comment(
        call("POST", repo.path() + "/issues/" + number + "/comments", Map.of("body", body)).json());
  }

  /**
   * Comments on an issue, never twice: when the outcome of the request is unknown it looks for a
   * comment with the same text updated at or after {@code since} before it tries again (see {@link
   * WriteOnce}).
   */
  public Comment commentOnce(RepositoryName repo, long number, String body, Instant since) {
    return new WriteOnce(log)
        .perform(
            "the comment",
            () -> createComment(repo, number, body),
            () -> findComment(repo, number, body, since));
  }

  private Optional<Comment> findComment(
      RepositoryName repo, long number, String body, Instant since) {
    for (Comment comment : listComments(repo, number, since)) {
      if (comment.body() != null && comment.body().strip().equals(body.strip())) {
        log.accept("the comment did reach GitHub: " + comment.htmlUrl());
        return Optional.of(comment);
      }
    }
    return Optional.empty();
  }

  /** The comments on an issue updated at or after {@code since} (all of them when null). */
  public List<Comment> listComments(RepositoryName repo, long number, Instant since) {
    String query = "?per_page=100" + (since == null ? "" : "&since=" + since);
    URI first = endpoint.resolve(repo.path() + "/issues/" + number + "/comments" + query);
    List<Comment> comments = new ArrayList<>();
    new PagedIterator<>(first, GitHubJson::comments).forEachRemaining(comments::add);
    return comments;
  }

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
    URI uri =
        endpoint.resolve(
            repo.path()
                + "/compare/"
                + checkedRef(base, "base")
                + "..."
                + checkedRef(head, "head"));
    boolean fixed = isFullSha(base) && isFullSha(head);
    return remembered(
        uri,
        fixed,
        CommitComparison.class,
        GitHubJson::comparison,
        GitHubJson::comparisonJson,
        e -> commitError(repo, e, base + " or " + head));
  }

  /**
   * One commit of a code repository; what {@code ref} is resolved to when it is a branch, a tag or
   * an abbreviated SHA. Kept for good, like {@link #compare}, when {@code ref} is a full SHA.
   *
   * @throws CommitNotFoundException when the repository answers but knows no such commit
   */
  public CommitSummary commit(RepositoryName repo, String ref) {
    URI uri = endpoint.resolve(repo.path() + "/commits/" + checkedRef(ref, "ref"));
    return remembered(
        uri,
        isFullSha(ref),
        CommitSummary.class,
        GitHubJson::commitSummary,
        GitHubJson::commitJson,
        e -> commitError(repo, e, ref));
  }

  /**
   * Creates a GitHub Deployment of {@code request.ref()}, with {@code auto_merge: false} and {@code
   * required_contexts: []}; returns its id. Never retried after an unknown outcome.
   */
  public long createDeployment(RepositoryName repo, DeploymentRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ref", request.ref());
    body.put("environment", request.environment());
    body.put("production_environment", request.productionEnvironment());
    body.put("auto_merge", false);
    body.put("required_contexts", List.of());
    if (request.description() != null) {
      body.put("description", request.description());
    }
    String path = repo.path() + "/deployments";
    Response response = deploymentCall(repo, path, body);
    if (response.json() instanceof Map<?, ?> m && m.get("id") instanceof Number id) {
      return id.longValue();
    }
    throw new GitHubException(
        response.http().status(),
        "POST "
            + path
            + ": GitHub answered "
            + response.http().status()
            + " without a deployment ("
            + (response.json() instanceof Map<?, ?> m ? m.get("message") : "no message")
            + ")");
  }

  /**
   * Adds a status to a deployment: {@code state} one of GitHub's ({@code success}, {@code failure},
   * ...), {@code logUrl} the build page (or null), {@code description} cut to GitHub's {@value
   * #MAX_STATUS_DESCRIPTION} characters (or null). Never retried after an unknown outcome.
   */
  public DeploymentStatus createDeploymentStatus(
      RepositoryName repo, long deploymentId, String state, String logUrl, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", state);
    if (logUrl != null) {
      body.put("log_url", logUrl);
    }
    if (description != null) {
      body.put("description", shorten(description, MAX_STATUS_DESCRIPTION));
    }
    String path = repo.path() + "/deployments/" + deploymentId + "/statuses";
    return GitHubJson.deploymentStatus(deploymentCall(repo, path, body).json());
  }

  /**
   * The deployments of a repository, newest first; only those to {@code environment} unless null.
   */
  public List<Deployment> listDeployments(RepositoryName repo, String environment) {
    String query =
        "?per_page=100"
            + (environment == null
                ? ""
                : "&environment=" + URLEncoder.encode(environment, StandardCharsets.UTF_8));
    URI first = endpoint.resolve(repo.path() + "/deployments" + query);
    List<Deployment> deployments = new ArrayList<>();
    new PagedIterator<>(first, GitHubJson::deployments).forEachRemaining(deployments::add);
    return deployments;
  }

  /** The statuses of a deployment, newest first. */
  public List<DeploymentStatus> listDeploymentStatuses(RepositoryName repo, long deploymentId) {
    URI first =
        endpoint.resolve(repo.path() + "/deployments/" + deploymentId + "/statuses?per_page=100");
    List<DeploymentStatus> statuses = new ArrayList<>();
    new PagedIterator<>(first, GitHubJson::deploymentStatuses).forEachRemaining(statuses::add);
    return statuses;
  }

  // ---- for the operation groups beside this class (PullRequests)

  /** A GET's JSON answer, with this client's authentication, retries and caches. */
  Object getJson(String path) {
    return call("GET", path, null).json();
  }

  /** A write's JSON answer; a POST is never retried after an unknown outcome. */
  Object sendJson(String method, String path, Object body) {
    return call(method, path, body).json();
  }

  /** The answers this client keeps for good, by URL. */
  ImmutableAnswers immutableAnswers() {
    return remembered;
  }

  /** Keeps {@code essentials} as the answer to a GET of {@code url} for good, in the cache. */
  void rememberImmutable(String url, Object essentials) {
    cache.store(url, ResponseCache.Entry.immutable("immutable", GitHubJson.write(essentials)));
  }

  private static Instant notMemberUntil(ResponseCache.Entry entry) {
    try {
      return Instant.parse(entry.body());
    } catch (DateTimeParseException e) {
      return Instant.MIN;
    }
  }

  @Override
  public void close() {
    transport.close();
  }

  /**
   * A GET whose answer is kept for good when {@code fixed}: from this client's memory, else from an
   * immutable cache entry, else asked and then kept in both.
   */
  private <T> T remembered(
      URI uri,
      boolean fixed,
      Class<T> type,
      Function<Object, T> parse,
      Function<T, Object> essentials,
      Function<GitHubException, GitHubException> onError) {
    String url = uri.toString();
    if (fixed) {
      T known = remembered.get(url, type);
      if (known != null) {
        return known;
      }
    }
    Response response;
    try {
      response = get(uri);
    } catch (GitHubException e) {
      throw onError.apply(e);
    }
    T value = parse.apply(response.json());
    if (fixed) {
      remembered.put(url, value);
      String etag = response.http().header("etag");
      if (etag != null && !etag.isEmpty()) {
        cache.store(
            url, ResponseCache.Entry.immutable(etag, GitHubJson.write(essentials.apply(value))));
      }
    }
    return value;
  }

  /**
   * The error to throw for a failed commit or compare request: GitHub's answers for an unknown
   * commit (422, 409 for an empty repository, or a 404 while the repository itself answers) become
   * a {@link CommitNotFoundException}; "no common ancestor" a {@link NoCommonAncestorException}.
   */
  private GitHubException commitError(RepositoryName repo, GitHubException e, String ref) {
    String githubMessage = e.githubMessage() == null ? "" : e.githubMessage();
    String request =
        e.getMessage().contains(":")
            ? e.getMessage().substring(0, e.getMessage().indexOf(':'))
            : "";
    if (e.status() == 404 && githubMessage.startsWith("No common ancestor")) {
      return new NoCommonAncestorException(
          request + ": " + githubMessage + " (" + repo + "): neither contains the other",
          githubMessage);
    }
    if (e instanceof RateLimitException) {
      return e;
    }
    boolean unknown = e.status() == 422 || e.status() == 409;
    if (e.status() == 404) {
      try {
        call("GET", repo.path(), null);
        unknown = true;
      } catch (GitHubException repositoryUnseen) {
        return unreadable(
            repo, e, request, "no repository " + repo + ", or the credentials cannot see it");
      }
    }
    if (e.status() == 403) {
      return unreadable(repo, e, request, "the credentials may not read the commits of " + repo);
    }
    if (!unknown) {
      return e;
    }
    return new CommitNotFoundException(
        e.status(),
        request
            + ": "
            + repo
            + " has no commit "
            + ref
            + " ("
            + e.status()
            + " "
            + githubMessage
            + "); check the SHA, or that it was pushed to "
            + repo,
        e.githubMessage(),
        ref);
  }

  private static GitHubException unreadable(
      RepositoryName repo, GitHubException e, String request, String what) {
    return new GitHubException(
        e.status(),
        request
            + ": "
            + e.status()
            + " "
            + e.githubMessage()
            + ": "
            + what
            + " (a token needs the repo scope for a private repository, a GitHub App Contents:"
            + " read on "
            + repo
            + ")",
        e.githubMessage());
  }

  /** A deployment write; a 403 or 404 explained in terms of the permission it needs. */
  private Response deploymentCall(RepositoryName repo, String path, Object body) {
    try {
      return call("POST", path, body);
    } catch (GitHubException e) {
      if (e.status() == 403 || e.status() == 404) {
        throw new GitHubException(
            e.status(),
            "POST "
                + path
                + ": "
                + e.status()
                + " "
                + e.githubMessage()
                + ": the credentials may not write deployments on "
                + repo
                + "; a token needs the repo_deployment scope (or repo), a GitHub App needs"
                + " Deployments: read & write",
            e.githubMessage());
      }
      throw e;
    }
  }

  private static boolean isFullSha(String ref) {
    return ref != null && FULL_SHA.matcher(ref).matches();
  }

  private static String checkedRef(String ref, String what) {
    if (ref == null || !REF.matcher(ref).matches() || ref.contains("..")) {
      throw new IllegalArgumentException(
          what
              + " must be a commit SHA, branch or tag (letters, digits, '.', '_', '-', '/'), got \""
              + ref
              + "\"");
    }
    return ref;
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
  }

  private Response call(String method, String path, Object body) {
    String json = body == null ? null : GitHubJson.write(body);
    return send(method, endpoint.resolve(path), json, !"POST".equals(method), bearerToken());
  }

  private Response get(URI uri) {
    return send("GET", uri, null, true, bearerToken());
  }

  /**
   * One logical request: retried where that is safe ({@code repeatable}), errors turned into
   * one-line messages.
   */
  private Response send(String method, URI uri, String body, boolean repeatable, String token) {
    String what = method + " " + endpoint.relative(uri);
    boolean cacheable = "GET".equals(method);
    String url = uri.toString();
    if (cacheable) {
      Response known = fromImmutable(url);
      if (known != null) {
        return known;
      }
    }
    boolean conditional = cacheable;
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= retry.maxAttempts();
      ResponseCache.Entry cached = conditional ? cache.lookup(url) : null;
      Map<String, String> headers = headers(token);
      if (cached != null) {
        headers.put("If-None-Match", cached.etag());
      }
      HttpResult result;
      try {
        result = transport.send(method, uri, headers, body);
      } catch (IOException e) {
        String tls = TlsFailure.explain(uri, e);
        if (tls != null) {
          // a certificate problem: the request was never sent, and repeating it cannot help
          throw new GitHubException(0, what + " failed: " + tls, e);
        }
        String failure = what + " failed: " + describe(uri, e);
        if (repeatable && !last) {
          retryAfter(retry.backoff(attempt), failure, attempt);
          continue;
        }
        throw new GitHubException(0, failure, e);
      }
      int status = result.status();
      if (status == 304) {
        // Not Modified: neither an error nor a reason to retry, and not counted against the rate
        // limit; the answer is the entry whose ETag was sent. If that entry is unusable, ask again
        // unconditionally (not a retry). A 304 to a request without If-None-Match is a server
        // fault that no repetition would mend.
        if (cached != null) {
          Response fromCache = fromCache(url, cached, result);
          if (fromCache != null) {
            return fromCache;
          }
          conditional = false;
          attempt--;
          continue;
        }
        throw new GitHubException(
            status, what + ": GitHub answered 304 Not Modified to an unconditional request");
      }
      if (status >= 500) {
        String failure = what + ": GitHub answered " + status + summary(result);
        if (repeatable && !last) {
          retryAfter(retry.backoff(attempt), failure, attempt);
          continue;
        }
        throw new GitHubException(status, failure);
      }
      if (isRateLimited(result)) {
        Duration wait = rateLimitWait(result);
        String failure = what + ": " + rateLimitMessage(result, wait);
        if (!last && wait.compareTo(retry.maxRateLimitWait()) <= 0) {
          // GitHub did not apply a rate-limited request: repeating even a POST is safe.
          retryAfter(wait, failure, attempt);
          continue;
        }
        throw new RateLimitException(status, failure, clock.instant().plus(wait));
      }
      if (status >= 400) {
        throw new GitHubException(status, what + ": " + explain(result), githubMessage(result));
      }
      Object json;
      try {
        json = GitHubJson.parse(result.body());
      } catch (IOException | RuntimeException e) {
        String failure =
            what
                + ": GitHub answered "
                + status
                + " with a body that is not JSON"
                + snippet(result);
        if (repeatable && !last) {
          retryAfter(retry.backoff(attempt), failure, attempt);
          continue;
        }
        throw new GitHubException(0, failure, e);
      }
      if (cacheable && status == 200) {
        String etag = result.header("etag");
        if (etag != null && !etag.isEmpty()) {
          cache.store(url, new ResponseCache.Entry(etag, result.body(), result.header("link")));
        } else {
          cache.forget(url);
        }
      }
      return new Response(result, json);
    }
  }

  /** The answer of an immutable cache entry for the URL, or null (unusable entries dropped). */
  private Response fromImmutable(String url) {
    ResponseCache.Entry entry = cache.lookup(url);
    if (entry == null || !entry.immutable()) {
      return null;
    }
    try {
      Object json = GitHubJson.parse(entry.body());
      Map<String, List<String>> headers = Map.of("etag", List.of(entry.etag()));
      return new Response(new HttpResult(200, headers, entry.body()), json);
    } catch (IOException | RuntimeException e) {
      cache.forget(url);
      return null;
    }
  }

  /** The cached answer a 304 stands for, or null (and the entry dropped) if it is unusable. */
  private Response fromCache(String url, ResponseCache.Entry cached, HttpResult notModified) {
    Object json;
    try {
      json = GitHubJson.parse(cached.body());
    } catch (IOException | RuntimeException e) {
      cache.forget(url);
      return null;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>(notModified.headers());
    headers.remove("link");
    if (cached.link() != null) {
      headers.put("link", List.of(cached.link()));
    }
    return new Response(new HttpResult(200, headers, cached.body()), json);
  }

  private void retryAfter(Duration wait, String failure, int attempt) {
    log.accept(
        failure
            + "; retrying in "
            + wait.toMillis() / 1000.0
            + " s (attempt "
            + (attempt + 1)
            + " of "
            + retry.maxAttempts()
            + ")");
    pause(wait, failure);
  }

  private static void pause(Duration wait, String failure) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitHubException(0, failure + " (interrupted while waiting to retry)");
    }
  }

  private static Map<String, String> headers(String token) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/vnd.github+json");
    headers.put("X-GitHub-Api-Version", "2022-11-28");
    headers.put("User-Agent", USER_AGENT);
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    return headers;
  }

  private String bearerToken() {
    if (bearer == null) {
      if (credentials instanceof Credentials.Token token) {
        bearer = token.value();
      } else if (credentials instanceof Credentials.App app) {
        bearer = installationToken(app);
      }
    }
    return bearer;
  }

  private String installationToken(Credentials.App app) {
    String jwt = AppJwt.sign(app.appId(), app.privateKey(), clock.instant());
    URI uri = endpoint.resolve("/app/installations/" + app.installationId() + "/access_tokens");
    try {
      // Repeating the exchange after a lost response only mints another token: safe to retry.
      Response response = send("POST", uri, null, true, jwt);
      if (response.json() instanceof Map<?, ?> m && m.get("token") instanceof String token) {
        return token;
      }
      throw new GitHubException(0, "GitHub's installation token response holds no token");
    } catch (GitHubException e) {
      if (e.status() == 401 || e.status() == 403 || e.status() == 404) {
        throw new GitHubException(
            e.status(),
            "GitHub App authentication failed: POST "
                + endpoint.relative(uri)
                + " answered "
                + e.status()
                + " "
                + e.githubMessage()
                + "; check app_id, app_installation_id and that private_ssh_key is the App's"
                + " current key");
      }
      throw e;
    }
  }

  private static boolean isRateLimited(HttpResult result) {
    int status = result.status();
    return (status == 403 || status == 429)
        && (result.header("retry-after") != null
            || "0".equals(result.header("x-ratelimit-remaining")));
  }

  /** How long until GitHub accepts requests again, measured on GitHub's clock when it says. */
  private Duration rateLimitWait(HttpResult result) {
    String retryAfter = result.header("retry-after");
    if (retryAfter != null) {
      try {
        return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
      } catch (NumberFormatException ignored) {
        // an HTTP date instead of seconds: fall through to the reset time
      }
    }
    String reset = result.header("x-ratelimit-reset");
    if (reset != null) {
      try {
        Instant resetAt = Instant.ofEpochSecond(Long.parseLong(reset.trim()));
        Duration wait = Duration.between(serverNow(result), resetAt).plusSeconds(1);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (NumberFormatException ignored) {
        // unreadable reset time: wait the minimum below
      }
    }
    return Duration.ofSeconds(60);
  }

  private Instant serverNow(HttpResult result) {
    String date = result.header("date");
    if (date != null) {
      try {
        return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException ignored) {
        // use the local clock
      }
    }
    return clock.instant();
  }

  private String rateLimitMessage(HttpResult result, Duration wait) {
    if (result.header("retry-after") != null
        && !"0".equals(result.header("x-ratelimit-remaining"))) {
      return "GitHub's secondary rate limit ("
          + result.status()
          + "), retry after "
          + wait.toSeconds()
          + " s";
    }
    Instant resetAt = clock.instant().plus(wait);
    return "GitHub API rate limit exhausted ("
        + result.status()
        + ", limit "
        + String.valueOf(result.header("x-ratelimit-limit"))
        + " an hour); it resets at "
        + resetAt.truncatedTo(ChronoUnit.SECONDS)
        + ", in "
        + Math.max(1, (wait.toSeconds() + 59) / 60)
        + " min: check less often (check_every) or use a webhook";
  }

  private static String explain(HttpResult result) {
    String message = githubMessage(result);
    return switch (result.status()) {
      case 401 ->
          "401 "
              + message
              + ": GitHub rejected the credentials; check access_token (or the GitHub App settings)";
      case 403 ->
          "403 "
              + message
              + ": the credentials lack permission; a token needs the repo scope (public_repo for public repositories), a GitHub App needs Issues: read & write";
      case 404 ->
          "404 " + message + ": no such repository or issue, or the credentials cannot see it";
      case 410 -> "410 " + message + ": issues are disabled in this repository";
      case 422 -> "422 " + message + validationErrors(result);
      default -> result.status() + " " + message;
    };
  }

  private static String githubMessage(HttpResult result) {
    try {
      Object json = GitHubJson.parse(result.body());
      if (json instanceof Map<?, ?> m && m.get("message") instanceof String message) {
        return message;
      }
    } catch (IOException | RuntimeException notJson) {
      // fall through
    }
    return "(no GitHub error message" + snippet(result) + ")";
  }

  private static String validationErrors(HttpResult result) {
    try {
      Object json = GitHubJson.parse(result.body());
      if (json instanceof Map<?, ?> m && m.get("errors") != null) {
        return " " + GitHubJson.write(m.get("errors"));
      }
    } catch (IOException | RuntimeException notJson) {
      // no details
    }
    return "";
  }

  private static String summary(HttpResult result) {
    String type = result.header("content-type");
    if (type != null && type.contains("html")) {
      return " (an HTML error page, probably from a proxy)";
    }
    return " (" + githubMessage(result) + ")";
  }

  private static String snippet(HttpResult result) {
    String body = result.body().strip().replaceAll("\\s+", " ");
    if (body.isEmpty()) {
      return ": empty body";
    }
    return ": \"" + (body.length() > 60 ? body.substring(0, 60) + "..." : body) + "\"";
  }

  /** What went wrong on the way, for a person: the host and what happened, no class names. */
  static String describe(URI uri, IOException e) {
    String host = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    if (e instanceof UnknownHostException) {
      return "the host " + uri.getHost() + " is unknown (no DNS record)";
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      String reason = e.getMessage() == null ? "" : e.getMessage();
      reason = reason.substring(reason.lastIndexOf(':') + 1).strip().toLowerCase(Locale.ROOT);
      return "cannot connect to " + host + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
    if (e instanceof InterruptedIOException) { // a read or connect timeout
      return "no answer from " + host + " in time (timed out)";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private record Response(HttpResult http, Object json) {
    String nextPage() {
      String link = http.header("link");
      if (link == null) {
        return null;
      }
      Matcher m = NEXT_LINK.matcher(link);
      return m.find() ? m.group(1) : null;
    }
  }

  /** Iterates the items of a paged listing, requesting each page when it is reached. */
  private final class PagedIterator<T> implements Iterator<T> {
    private final Function<Object, List<T>> parse;
    private URI next;
    private Iterator<T> page = Collections.emptyIterator();

    PagedIterator(URI first, Function<Object, List<T>> parse) {
      this.next = first;
      this.parse = parse;
    }

    @Override
    public boolean hasNext() {
      while (!page.hasNext() && next != null) {
        Response response = get(next);
        String link = response.nextPage();
        next = link == null ? null : endpoint.follow(link);
        page = parse.apply(response.json()).iterator();
      }
      return page.hasNext();
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.next();
    }
  }
}
