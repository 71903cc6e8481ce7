package trafficlight.localhub;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * An embedded GitHub Issues API server for tests and the demo: real HTTP on 127.0.0.1, GitHub's
 * JSON shapes, status codes and headers; state in memory, or journaled in a data directory.
 *
 * <pre>{@code
 * try (LocalHub hub = LocalHub.start()) {
 *   hub.createRepo("o/r");
 *   String token = hub.createToken("alice");
 *   // point a client at hub.baseUrl() (or hub.enterpriseBaseUrl())
 * }
 * }</pre>
 */
public final class LocalHub implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final String baseUrl;
  private final HubStore store;
  private final Journal journal;
  private final ArmedFaults<Fault, FaultPolicy> faults = new ArmedFaults<>("a fault");
  private final RequestRecorder recorder = new RequestRecorder();
  private final Webhooks webhooks;
  private final HookEndpoints hookEndpoints;
  private final CodeRepositories code = new CodeRepositories();
  private final DeploymentStore deployments = new DeploymentStore();
  private final PullRequestStore pullRequests = new PullRequestStore();
  private final OAuthApps oauthApps;

  private LocalHub(Builder builder) {
    // unusable certificate files fail here, before anything is opened
    SSLContext tls = builder.tls == null ? null : builder.tls.serverContext();
    MovableClock clock = builder.clock;
    if (builder.dataDir != null) {
      Journal.Opened opened = Journal.open(builder.dataDir);
      this.journal = opened.journal();
      this.store = new HubStore(clock, journal, opened.entries());
    } else {
      this.journal = null;
      this.store = new HubStore(clock, null, List.of());
    }
    this.webhooks = new Webhooks(clock);
    this.oauthApps = new OAuthApps(store);
    try {
      builder.codeRepositories.forEach(this::serveCode);
    } catch (RuntimeException e) {
      code.close();
      if (journal != null) {
        journal.close();
      }
      throw e;
    }
    try {
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port);
      if (tls != null) {
        HttpsServer https = HttpsServer.create(address, 64);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        server = https;
      } else {
        server = HttpServer.create(address, 64);
      }
    } catch (IOException e) {
      code.close();
      if (journal != null) {
        journal.close();
      }
      webhooks.close();
      throw new UncheckedIOException("cannot listen on port " + builder.port, e);
    }
    baseUrl = (tls != null ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    RateLimiter limiter = new RateLimiter(clock);
    WebhookPayloads payloads = new WebhookPayloads(store, baseUrl);
    store.onIssueChange(new IssueEvents(payloads, webhooks));
    hookEndpoints = new HookEndpoints(webhooks, payloads);
    GitHubApi api =
        new GitHubApi(
            store,
            limiter,
            Stream.of(
                    hookEndpoints.routes().stream(),
                    PullRequestRoutes.routes(code, pullRequests).stream(),
                    CodeRoutes.routes(code, deployments).stream(),
                    Stream.of(OAuthTokenRevocation.route(oauthApps)))
                .flatMap(r -> r)
                .toList());
    FrontDoor frontDoor =
        new FrontDoor(
            baseUrl,
            api,
            new AdminApi(this),
            new OAuthAuthorizePage(oauthApps, store),
            new OAuthAccessTokenEndpoint(oauthApps),
            faults,
            recorder,
            clock);
    server.createContext("/", frontDoor);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "localhub-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a hub on a free port, in memory, on the system clock. */
  public static LocalHub start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options for a hub: port (0: any free one), data directory, clock, TLS. */
  public static final class Builder {
    private int port;
    private Path dataDir;
    private TlsIdentity tls;
    private MovableClock clock = MovableClock.system();
    private final Map<String, Path> codeRepositories = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Serves the code of repository {@code fullName} (created if needed) from the git repository at
     * {@code gitRepository}: see {@link LocalHub#serveCode}.
     */
    public Builder codeRepository(String fullName, Path gitRepository) {
      codeRepositories.put(fullName, gitRepository);
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Keeps the state in a journal in {@code dir}, replayed on start. */
    public Builder dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** Serves HTTPS with this certificate and key instead of plain HTTP. */
    public Builder tls(TlsIdentity identity) {
      this.tls = identity;
      return this;
    }

    /** The clock to follow; a {@link MovableClock} is used as is. */
    public Builder clock(Clock clock) {
      this.clock = MovableClock.following(clock);
      return this;
    }

    public LocalHub start() {
      return new LocalHub(this);
    }
  }

  /** {@code http://127.0.0.1:PORT} ({@code https} with TLS), without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /** {@link #baseUrl()} + {@code /api/v3}, as GitHub Enterprise Server's API base. */
  public String enterpriseBaseUrl() {
    return baseUrl + FrontDoor.ENTERPRISE_PREFIX;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public MovableClock clock() {
    return store.clock();
  }

  // ---- repositories, users, tokens, apps

  /**
   * Creates a repository (public, issues enabled, unless told); returns the existing one if any.
   */
  public Repo createRepo(String fullName, RepoOptions... options) {
    List<RepoOptions> list = Arrays.asList(options);
    return store.createRepo(
        fullName, list.contains(RepoOptions.PRIVATE), !list.contains(RepoOptions.ISSUES_DISABLED));
  }

  /** Creates the user if needed and a new random {@code ghp_} token for it. */
  public String createToken(String login) {
    return createToken(login, Tokens.generate("ghp_"));
  }

  /** Creates the user if needed and gives it {@code token}. */
  public String createToken(String login, String token) {
    store.saveToken(login, token);
    return token;
  }

  /** Creates a user without a token (an author, an assignee). */
  public void createUser(String login) {
    store.ensureUser(login, "User");
  }

  /** Registers a GitHub App; its bot user is {@code app-<appId>[bot]}. */
  public void registerApp(long appId, RSAPublicKey publicKey) {
    registerApp(appId, "app-" + appId, publicKey);
  }

  /** Registers a GitHub App whose bot user is {@code slug[bot]}. */
  public void registerApp(long appId, String slug, RSAPublicKey publicKey) {
    store.registerApp(appId, slug, publicKey);
  }

  /** Installs the App on repositories; its installation tokens may write to those. */
  public void installApp(long appId, long installationId, String... repos) {
    for (String repo : repos) {
      store.requireRepo(repo);
    }
    store.installApp(appId, installationId, List.of(repos));
  }

  /**
   * Registers an OAuth App (or replaces the one with that client id): its web application flow is
   * served at {@code /login/oauth/authorize} and {@code /login/oauth/access_token} of {@link
   * #baseUrl()}, the web host (GitHub Enterprise Server's shape: the API under {@code /api/v3}).
   *
   * @param callbackUrl the authorization callback URL; redirects must stay under it
   */
  public void registerOAuthApp(String clientId, String clientSecret, String callbackUrl) {
    oauthApps.register(new OAuthApp(clientId, clientSecret, callbackUrl));
  }

  // ---- code repositories

  /**
   * Backs repository {@code fullName} (created if needed) with the git repository at {@code
   * gitRepository} (a work tree or a bare repository), read on every request: {@code GET
   * .../commits/{ref}}, {@code GET .../compare/{basehead}} and deployments then answer from it.
   *
   * @throws IllegalArgumentException when there is no git repository there
   */
  public void serveCode(String fullName, Path gitRepository) {
    try {
      code.add(fullName, gitRepository);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot serve the code of " + fullName + ": " + e.getMessage(), e);
    }
    createRepo(fullName);
  }

  /**
   * Makes commits whose author or committer e-mail is {@code email} show as {@code login}'s (by
   * default the login is derived from the e-mail: see localhub/README.md).
   */
  public void linkCommitEmail(String email, String login) {
    createUser(login);
    code.linkEmail(email, login);
  }

  // ---- organizations and teams

  /**
   * Makes {@code login} a member of the organization (members may read its teams) whose membership
   * is private, GitHub's default: their comments say {@code author_association: NONE}, and they
   * have read permission on the organization's repositories unless granted more.
   */
  public void addOrgMember(String org, String login) {
    store.addOrgMember(org, login, false);
  }

  /** Makes {@code login} a member who made the membership public: {@code MEMBER} in comments. */
  public void addPublicOrgMember(String org, String login) {
    store.addOrgMember(org, login, true);
  }

  /**
   * Grants {@code login} a role on the repository (read, triage, write, maintain or admin) as a
   * team or the organization would: the permission endpoint answers it, and {@code
   * author_association} stays as it was (a private member stays {@code NONE}).
   */
  public void grantRole(String repo, String login, String role) {
    synchronized (store) {
      store.grantRole(store.requireRepo(repo), login, role);
    }
  }

  /**
   * Makes {@code login} an active member of the team {@code org/team} (creating the team), which
   * also makes them a member of the organization.
   */
  public void addTeamMember(String org, String team, String login) {
    store.saveTeamMembership(org, team, login, OrgTeams.ACTIVE);
  }

  /** Invites {@code login} to the team: a pending membership, which does not count as a member. */
  public void inviteTeamMember(String org, String team, String login) {
    store.saveTeamMembership(org, team, login, OrgTeams.PENDING);
  }

  /** Removes {@code login} from the team. */
  public void removeTeamMember(String org, String team, String login) {
    store.saveTeamMembership(org, team, login, null);
  }

  /**
   * Makes {@code login} a collaborator of the repository with write permission: their issues and
   * comments then carry {@code author_association: COLLABORATOR}. Writes are not restricted by it
   * (every user token may write every repository).
   */
  public void addCollaborator(String repo, String login) {
    addCollaborator(repo, login, "write");
  }

  /**
   * Makes {@code login} a collaborator with {@code role} (read, triage, write, maintain, admin).
   */
  public void addCollaborator(String repo, String login, String role) {
    synchronized (store) {
      store.addCollaborator(store.requireRepo(repo), login, role);
    }
  }

  // ---- issues

  /** Creates an issue as {@code author}; returns its number. */
  public int createIssue(
      String repo, String title, String body, List<String> labels, String author) {
    synchronized (store) {
      return store
          .createIssue(store.requireRepo(repo), title, body, labels, List.of(), author, false)
          .number();
    }
  }

  /** Creates a pull request (listed by the issues endpoints with a {@code pull_request} key). */
  public int createPullRequest(String repo, String title, String author) {
    synchronized (store) {
      return store
          .createIssue(store.requireRepo(repo), title, null, List.of(), List.of(), author, true)
          .number();
    }
  }

  /**
   * Creates a pull request of the commit {@code headSha}, by {@code author}, merged (closed) as
   * {@code mergeCommitSha} when that is not null; returns its number, shared with issues. Its
   * commits are named by SHA, abbreviated or full, resolved in the repository's code when the hub
   * serves it ({@link #serveCode}).
   *
   * @throws IllegalArgumentException when a SHA names no commit of the repository
   */
  public int createPullRequest(
      String repo, String title, String headSha, String mergeCommitSha, String author) {
    synchronized (store) {
      RepoState state = store.requireRepo(repo);
      String head = commitSha(state, headSha);
      String merge = mergeCommitSha == null ? null : commitSha(state, mergeCommitSha);
      StoredIssue issue = store.createIssue(state, title, null, List.of(), List.of(), author, true);
      Instant now = store.clock().now();
      if (merge != null) {
        store.putIssue(state, issue.closed(author, null, now));
      }
      pullRequests.add(
          new StoredPullRequest(
              state.repo.id(),
              issue.number(),
              head,
              merge,
              merge == null ? null : now,
              merge == null ? null : author));
      return issue.number();
    }
  }

  private String commitSha(RepoState repo, String sha) {
    if (sha == null || sha.isBlank()) {
      throw new IllegalArgumentException("a pull request needs its head_sha");
    }
    return code.of(repo.repo)
        .flatMap(git -> git.resolve(sha))
        .map(RevCommit::name)
        .or(
            () ->
                sha.matches("[0-9a-fA-F]{40}")
                    ? Optional.of(sha.toLowerCase(Locale.ROOT))
                    : Optional.empty())
        .orElseThrow(
            () -> new IllegalArgumentException(repo.repo.fullName() + " has no commit " + sha));
  }

  /** Creates {@code count} issues, authored by the repo's owner; returns their numbers. */
  public List<Integer> seedIssues(String repo, int count, IntFunction<IssueSeed> seed) {
    synchronized (store) {
      RepoState state = store.requireRepo(repo);
      List<Integer> numbers = new ArrayList<>();
      Instant now = store.clock().now();
      for (int i = 0; i < count; i++) {
        IssueSeed s = seed.apply(i);
        Instant created = s.createdAt() != null ? s.createdAt() : now;
        boolean closed = "closed".equals(s.state());
        Instant closedAt = closed ? (s.closedAt() != null ? s.closedAt() : now) : null;
        Instant updated = closedAt != null && closedAt.isAfter(created) ? closedAt : created;
        StoredIssue issue =
            new StoredIssue(
                store.newId(),
                state.nextNumber(),
                s.title(),
                s.body(),
                closed ? "closed" : "open",
                closed ? (s.stateReason() != null ? s.stateReason() : "completed") : null,
                store.ensureLabels(state, s.labels()),
                List.of(),
                state.repo.owner(),
                created,
                updated,
                closedAt,
                closed ? state.repo.owner() : null,
                false,
                0);
        numbers.add(store.putIssue(state, issue).number());
      }
      return numbers;
    }
  }

  /** Closes an issue as {@code login}, reason "completed". */
  public void closeIssue(String repo, int number, String login) {
    closeIssue(repo, number, login, "completed");
  }

  /** Closes an issue as {@code login} with a state reason ("completed", "not_planned"...). */
  public void closeIssue(String repo, int number, String login, String stateReason) {
    store.ensureUser(login, "User");
    Instant now = store.clock().now();
    store.updateIssue(
        store.requireRepo(repo),
        number,
        login,
        i -> i.isOpen() ? i.closed(login, stateReason, now) : i.withStateReason(stateReason));
  }

  /** Reopens an issue as {@code login}. */
  public void reopenIssue(String repo, int number, String login) {
    store.ensureUser(login, "User");
    store.updateIssue(store.requireRepo(repo), number, login, i -> i.isOpen() ? i : i.reopened());
  }

  /** Adds labels to an issue (creating them in the repo on first use). */
  public void addLabels(String repo, int number, String... labels) {
    synchronized (store) {
      RepoState state = store.requireRepo(repo);
      List<String> added = store.ensureLabels(state, List.of(labels));
      store.updateIssue(state, number, i -> i.withLabelsAdded(added));
    }
  }

  /** Comments on an issue as {@code login}; returns the comment's id. */
  public long addComment(String repo, int number, String login, String body) {
    return store.addComment(store.requireRepo(repo), number, login, body).id();
  }

  /**
   * Edits a comment's text, as its author does on GitHub: its {@code updated_at} moves to now (the
   * hub's clock), its {@code created_at} stays.
   */
  public void editComment(String repo, long commentId, String body) {
    store.editComment(store.requireRepo(repo), commentId, body);
  }

  public void renameIssue(String repo, int number, String newTitle) {
    store.updateIssue(store.requireRepo(repo), number, i -> i.withTitle(newTitle));
  }

  /** A snapshot of one issue. */
  public Issue issue(String repo, int number) {
    return store.snapshot(store.requireRepo(repo), number);
  }

  /** Snapshots of all issues (and pull requests) of a repo, by number. */
  public List<Issue> issues(String repo) {
    synchronized (store) {
      RepoState state = store.requireRepo(repo);
      return state.issues.keySet().stream().map(n -> store.snapshot(state, n)).toList();
    }
  }

  // ---- webhooks

  /**
   * Creates an active repository webhook as the repository's owner, as {@code POST
   * /repos/{o}/{r}/hooks} does (and pings it); returns its id.
   *
   * @param contentType "json" or "form"
   * @param secret signs the deliveries; null for none
   * @param events e.g. "issues"; none: "push", as GitHub's default
   */
  public long createHook(
      String repo, String url, String contentType, String secret, String... events) {
    if (!contentType.equals("json") && !contentType.equals("form")) {
      throw new IllegalArgumentException("content type must be json or form: " + contentType);
    }
    if (!HookEndpoints.isHttpUrl(url)) {
      throw new IllegalArgumentException("a hook's url must be an http or https URL: " + url);
    }
    synchronized (store) {
      RepoState state = store.requireRepo(repo);
      List<String> subscribed = events.length == 0 ? List.of("push") : List.of(events);
      return hookEndpoints
          .create(
              store, state, url, contentType, secret, subscribed, true, state.repo.owner(), null)
          .id();
    }
  }

  // ---- faults and recorded requests

  public void inject(Fault fault) {
    faults.add(fault);
  }

  public List<Fault> pendingFaults() {
    return faults.pending();
  }

  public void clearFaults() {
    faults.clear();
  }

  /** Injects a fault into outgoing webhook deliveries (drop, delay). */
  public void inject(DeliveryFault fault) {
    webhooks.inject(fault);
  }

  public List<DeliveryFault> pendingDeliveryFaults() {
    return webhooks.pendingFaults();
  }

  public void clearDeliveryFaults() {
    webhooks.clearFaults();
  }

  /** The webhook delivery attempts to the repository's hooks that are over, newest first. */
  public List<WebhookDelivery> deliveries(String repo) {
    long repoId = store.requireRepo(repo).repo.id();
    return webhooks.hooks(repoId).stream()
        .flatMap(h -> webhooks.deliveries(h.id()).stream())
        .sorted(Comparator.comparing(WebhookDelivery::deliveredAt).reversed())
        .toList();
  }

  /** The GitHub API requests received so far, in order (not the admin ones). */
  public List<RecordedRequest> requests() {
    return recorder.all();
  }

  /** How many requests were for the operation (GitHub's operationId, e.g. "issues/create"). */
  public int requestCount(String operation) {
    return recorder.count(operation);
  }

  public void clearRequests() {
    recorder.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    webhooks.close();
    code.close();
    if (journal != null) {
      journal.close();
    }
  }
}
