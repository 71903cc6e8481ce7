package trafficlight.localhub;

import com.sun.net.httpserver.HttpServer;
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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

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
  private final FaultInjector faults = new FaultInjector();
  private final RequestRecorder recorder = new RequestRecorder();

  private LocalHub(Builder builder) {
    MovableClock clock = builder.clock;
    if (builder.dataDir != null) {
      Journal.Opened opened = Journal.open(builder.dataDir);
      this.journal = opened.journal();
      this.store = new HubStore(clock, journal, opened.entries());
    } else {
      this.journal = null;
      this.store = new HubStore(clock, null, List.of());
    }
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 64);
    } catch (IOException e) {
      if (journal != null) {
        journal.close();
      }
      throw new UncheckedIOException("cannot listen on port " + builder.port, e);
    }
    baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    RateLimiter limiter = new RateLimiter(clock);
    FrontDoor frontDoor =
        new FrontDoor(
            baseUrl, new GitHubApi(store, limiter), new AdminApi(this), faults, recorder, clock);
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

  /** Options for a hub: port (0: any free one), data directory, clock. */
  public static final class Builder {
    private int port;
    private Path dataDir;
    private MovableClock clock = MovableClock.system();

    private Builder() {}

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Keeps the state in a journal in {@code dir}, replayed on start. */
    public Builder dataDir(Path dir) {
      this.dataDir = dir;
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

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
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

  // ---- organizations and teams

  /** Makes {@code login} a member of the organization (members may read its teams). */
  public void addOrgMember(String org, String login) {
    store.addOrgMember(org, login);
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
        i -> i.isOpen() ? i.closed(login, stateReason, now) : i.withStateReason(stateReason));
  }

  /** Reopens an issue as {@code login}. */
  public void reopenIssue(String repo, int number, String login) {
    store.ensureUser(login, "User");
    store.updateIssue(store.requireRepo(repo), number, i -> i.isOpen() ? i : i.reopened());
  }

  /** Adds labels to an issue (creating them in the repo on first use). */
  public void addLabels(String repo, int number, String... labels) {
    synchronized (store) {
      RepoState state = store.requireRepo(repo);
      List<String> added = store.ensureLabels(state, List.of(labels));
      store.updateIssue(
          state,
          number,
          i -> {
            List<String> all = new ArrayList<>(i.labels());
            added.stream()
                .filter(l -> all.stream().noneMatch(l::equalsIgnoreCase))
                .forEach(all::add);
            return i.withLabels(all);
          });
    }
  }

  /** Comments on an issue as {@code login}; returns the comment's id. */
  public long addComment(String repo, int number, String login, String body) {
    return store.addComment(store.requireRepo(repo), number, login, body).id();
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
    if (journal != null) {
      journal.close();
    }
  }
}
