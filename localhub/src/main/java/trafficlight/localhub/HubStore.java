package trafficlight.localhub;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * All of the hub's state, in memory, with every change going through {@link #commit} (journal
 * first, when there is one, then memory). Callers synchronize on the store for compound reads.
 */
final class HubStore {
  private static final String[] LABEL_COLORS = {"d73a4a", "0075ca", "a2eeef", "7057ff", "008672"};

  private final MovableClock clock;
  private final Journal journal;
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, String> tokens = new HashMap<>();
  private final Map<String, RepoState> repos = new LinkedHashMap<>();
  private final Map<Long, App> apps = new HashMap<>();
  private final Map<Long, Installation> installations = new HashMap<>();
  private final Map<String, InstallationToken> installationTokens = new HashMap<>();
  private final OrgTeams orgTeams = new OrgTeams();
  private long lastId = 1000;
  private IssueListener issueListener = IssueListener.NONE;

  HubStore(MovableClock clock, Journal journal, List<JournalEntry> replay) {
    this.clock = clock;
    this.journal = journal;
    replay.forEach(this::apply);
  }

  MovableClock clock() {
    return clock;
  }

  /** Told of every issue opened or changed from now on (not of journal replays or seeds). */
  synchronized void onIssueChange(IssueListener listener) {
    this.issueListener = listener;
  }

  private long nextId() {
    return ++lastId;
  }

  private void seen(long id) {
    lastId = Math.max(lastId, id);
  }

  private void commit(JournalEntry entry) {
    if (journal != null) {
      journal.append(entry);
    }
    apply(entry);
  }

  private void apply(JournalEntry entry) {
    if (entry instanceof JournalEntry.UserSaved e) {
      users.put(key(e.user().login()), e.user());
      seen(e.user().id());
    } else if (entry instanceof JournalEntry.TokenSaved e) {
      tokens.put(e.token(), e.login());
    } else if (entry instanceof JournalEntry.TokenRevoked e) {
      tokens.remove(e.token());
    } else if (entry instanceof JournalEntry.RepoSaved e) {
      repos.computeIfAbsent(key(e.repo().fullName()), k -> new RepoState(e.repo())).repo = e.repo();
      seen(e.repo().id());
    } else if (entry instanceof JournalEntry.LabelSaved e) {
      repos.get(key(e.repo())).labels.put(key(e.label().name()), e.label());
      seen(e.label().id());
    } else if (entry instanceof JournalEntry.IssueSaved e) {
      repos.get(key(e.repo())).issues.put(e.issue().number(), e.issue());
      seen(e.issue().id());
    } else if (entry instanceof JournalEntry.CommentSaved e) {
      repos.get(key(e.repo())).putComment(e.comment());
      seen(e.comment().id());
    } else if (entry instanceof JournalEntry.AppSaved e) {
      apps.put(e.appId(), new App(e.appId(), e.slug(), decode(e.publicKey())));
    } else if (entry instanceof JournalEntry.InstallationSaved e) {
      installations.put(e.installation().id(), e.installation());
    } else if (entry instanceof JournalEntry.InstallationTokenSaved e) {
      installationTokens.put(e.token().token(), e.token());
    } else if (entry instanceof JournalEntry.OrgMemberSaved e) {
      orgTeams.addOrgMember(e.org(), e.login(), Boolean.TRUE.equals(e.publicMembership()));
    } else if (entry instanceof JournalEntry.TeamMembershipSaved e) {
      orgTeams.setMembership(e.org(), e.team(), e.login(), e.state());
    } else if (entry instanceof JournalEntry.CollaboratorSaved e) {
      RepoState repo = repos.get(key(e.repo()));
      repo.collaborators.add(key(e.login()));
      repo.roles.put(key(e.login()), e.role() == null ? "write" : e.role());
    } else if (entry instanceof JournalEntry.RoleSaved e) {
      RepoState repo = repos.get(key(e.repo()));
      if (e.role() == null) {
        repo.roles.remove(key(e.login()));
      } else {
        repo.roles.put(key(e.login()), e.role());
      }
    } else {
      throw new IllegalArgumentException("unknown journal entry " + entry);
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static RSAPublicKey decode(String base64) {
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("bad public key in the journal", e);
    }
  }

  // ---- users and tokens

  synchronized Optional<User> user(String login) {
    return Optional.ofNullable(users.get(key(login)));
  }

  synchronized User ensureUser(String login, String type) {
    User user = users.get(key(login));
    if (user == null) {
      user = new User(nextId(), login, type);
      commit(new JournalEntry.UserSaved(user));
    }
    return user;
  }

  synchronized void saveToken(String login, String token) {
    ensureUser(login, "User");
    String owner = tokens.get(token);
    if (owner != null && !owner.equalsIgnoreCase(login)) {
      throw new IllegalArgumentException("token already belongs to " + owner);
    }
    if (owner == null) {
      commit(new JournalEntry.TokenSaved(token, login));
    }
  }

  /** Makes a user's token unknown from now on; false when it was not known. */
  synchronized boolean revokeToken(String token) {
    if (!tokens.containsKey(token)) {
      return false;
    }
    commit(new JournalEntry.TokenRevoked(token));
    return true;
  }

  synchronized Optional<User> userForToken(String token) {
    return Optional.ofNullable(tokens.get(token)).flatMap(this::user);
  }

  // ---- repos

  synchronized Repo createRepo(String fullName, boolean isPrivate, boolean hasIssues) {
    String[] parts = fullName.split("/");
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new IllegalArgumentException("expected owner/name: " + fullName);
    }
    RepoState existing = repos.get(key(fullName));
    if (existing != null) {
      return existing.repo;
    }
    ensureUser(parts[0], "User");
    Repo repo = new Repo(nextId(), parts[0], parts[1], isPrivate, hasIssues, clock.now());
    commit(new JournalEntry.RepoSaved(repo));
    return repo;
  }

  synchronized Optional<RepoState> repo(String fullName) {
    return Optional.ofNullable(repos.get(key(fullName)));
  }

  synchronized Optional<RepoState> repoById(long id) {
    return repos.values().stream().filter(r -> r.repo.id() == id).findFirst();
  }

  synchronized List<RepoState> allRepos() {
    return new ArrayList<>(repos.values());
  }

  RepoState requireRepo(String fullName) {
    return repo(fullName).orElseThrow(() -> new IllegalArgumentException("no repo " + fullName));
  }

  // ---- labels

  synchronized List<String> ensureLabels(RepoState repo, List<String> names) {
    List<String> canonical = new ArrayList<>();
    for (String name : names) {
      StoredLabel label = repo.label(name);
      if (label == null) {
        label =
            new StoredLabel(nextId(), name, LABEL_COLORS[repo.labels.size() % LABEL_COLORS.length]);
        commit(new JournalEntry.LabelSaved(repo.repo.fullName(), label));
      }
      if (canonical.stream().noneMatch(label.name()::equalsIgnoreCase)) {
        canonical.add(label.name());
      }
    }
    return canonical;
  }

  // ---- issues

  synchronized StoredIssue createIssue(
      RepoState repo,
      String title,
      String body,
      List<String> labels,
      List<String> assignees,
      String author,
      boolean pullRequest) {
    ensureUser(author, author.endsWith("[bot]") ? "Bot" : "User");
    Instant now = clock.now();
    StoredIssue issue =
        new StoredIssue(
            nextId(),
            repo.nextNumber(),
            title,
            body,
            "open",
            null,
            ensureLabels(repo, labels),
            assignees,
            author,
            now,
            now,
            null,
            null,
            pullRequest,
            0);
    commit(new JournalEntry.IssueSaved(repo.repo.fullName(), issue));
    issueListener.changed(repo, null, issue, author);
    return issue;
  }

  /** Stores an issue exactly as given (seeding, with chosen timestamps). */
  synchronized StoredIssue putIssue(RepoState repo, StoredIssue issue) {
    commit(new JournalEntry.IssueSaved(repo.repo.fullName(), issue));
    return issue;
  }

  synchronized long newId() {
    return nextId();
  }

  /**
   * Applies {@code change} to issue {@code number}; when it changed anything, bumps {@code
   * updated_at} and stores it. Returns the issue as it is afterwards.
   */
  synchronized StoredIssue updateIssue(
      RepoState repo, int number, UnaryOperator<StoredIssue> change) {
    return updateIssue(repo, number, null, change);
  }

  /** {@link #updateIssue(RepoState, int, UnaryOperator)} done by {@code actor} (null: unknown). */
  synchronized StoredIssue updateIssue(
      RepoState repo, int number, String actor, UnaryOperator<StoredIssue> change) {
    StoredIssue before = requireIssue(repo, number);
    StoredIssue after = change.apply(before);
    if (!after.differsFrom(before)) {
      return before;
    }
    after = after.updatedAt(clock.now());
    commit(new JournalEntry.IssueSaved(repo.repo.fullName(), after));
    issueListener.changed(repo, before, after, actor);
    return after;
  }

  synchronized StoredIssue requireIssue(RepoState repo, int number) {
    StoredIssue issue = repo.issues.get(number);
    if (issue == null) {
      throw new IllegalArgumentException("no issue #" + number + " in " + repo.repo.fullName());
    }
    return issue;
  }

  synchronized StoredComment addComment(RepoState repo, int number, String login, String body) {
    ensureUser(login, login.endsWith("[bot]") ? "Bot" : "User");
    StoredIssue issue = requireIssue(repo, number);
    Instant now = clock.now();
    StoredComment comment = new StoredComment(nextId(), number, body, login, now, now);
    commit(new JournalEntry.CommentSaved(repo.repo.fullName(), comment));
    commit(new JournalEntry.IssueSaved(repo.repo.fullName(), issue.withComment().updatedAt(now)));
    return comment;
  }

  /**
   * Replaces comment {@code id}'s text and bumps its {@code updated_at}, as an edit on GitHub does;
   * the issue itself is left as it is.
   */
  synchronized StoredComment editComment(RepoState repo, long id, String body) {
    StoredComment before =
        repo.comment(id)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no comment " + id + " in " + repo.repo.fullName()));
    StoredComment after = before.edited(body, clock.now());
    commit(new JournalEntry.CommentSaved(repo.repo.fullName(), after));
    return after;
  }

  synchronized Issue snapshot(RepoState repo, int number) {
    StoredIssue s = requireIssue(repo, number);
    List<Comment> comments =
        repo.commentsOf(number).stream()
            .map(c -> new Comment(c.id(), c.body(), c.user(), c.createdAt(), c.updatedAt()))
            .toList();
    return new Issue(
        s.number(),
        s.title(),
        s.body(),
        s.state(),
        s.stateReason(),
        s.labels(),
        s.assignees(),
        comments,
        s.author(),
        s.createdAt(),
        s.updatedAt(),
        s.closedAt(),
        s.closedBy(),
        s.pullRequest());
  }

  // ---- organizations and teams

  synchronized void addOrgMember(String org, String login, boolean publicMembership) {
    ensureUser(login, "User");
    commit(new JournalEntry.OrgMemberSaved(org, login, publicMembership));
  }

  /** Sets (state active or pending) or removes (null) a team membership. */
  synchronized void saveTeamMembership(String org, String team, String login, String state) {
    if (state != null && !state.equals(OrgTeams.ACTIVE) && !state.equals(OrgTeams.PENDING)) {
      throw new IllegalArgumentException("membership state must be active or pending: " + state);
    }
    ensureUser(login, "User");
    commit(new JournalEntry.TeamMembershipSaved(org, team, login, state));
  }

  synchronized boolean teamExists(String org, String team) {
    return orgTeams.teamExists(org, team);
  }

  synchronized long activeTeamMembers(String org, String team) {
    return orgTeams.activeMembers(org, team);
  }

  static final List<String> ROLES = List.of("read", "triage", "write", "maintain", "admin");

  synchronized void addCollaborator(RepoState repo, String login, String role) {
    ensureUser(login, "User");
    commit(new JournalEntry.CollaboratorSaved(repo.repo.fullName(), login, requireRole(role)));
  }

  /** Grants a role as a team or the organization would: the login is no collaborator. */
  synchronized void grantRole(RepoState repo, String login, String role) {
    ensureUser(login, "User");
    commit(new JournalEntry.RoleSaved(repo.repo.fullName(), login, requireRole(role)));
  }

  private static String requireRole(String role) {
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException(
          "role must be one of " + String.join(", ", ROLES) + ": " + role);
    }
    return role;
  }

  /**
   * The role GitHub's permission endpoint names for {@code login}: {@code admin} for the owner, a
   * granted role, {@code read} for the organization's members (GitHub's default base permission)
   * and, on a public repository, for every user; empty (404) for an unknown user and for anyone
   * without access to a private repository.
   */
  synchronized Optional<String> roleOf(RepoState repo, String login) {
    if (user(login).isEmpty()) {
      return Optional.empty();
    }
    if (login.equalsIgnoreCase(repo.repo.owner())) {
      return Optional.of("admin");
    }
    String granted = repo.roles.get(key(login));
    if (granted != null) {
      return Optional.of(granted);
    }
    if (orgTeams.isOrgMember(repo.repo.owner(), login) || !repo.repo.isPrivate()) {
      return Optional.of("read");
    }
    return Optional.empty();
  }

  /**
   * GitHub's {@code author_association} of {@code login} with the repository, as far as the hub
   * knows: {@code OWNER} (the repository's owner), {@code MEMBER} (of the organization that owns
   * it, when the membership is public: GitHub shows a private member, the default, as {@code
   * NONE}), {@code COLLABORATOR} (added as one), else {@code NONE}.
   */
  synchronized String authorAssociation(RepoState repo, String login) {
    if (login == null) {
      return "NONE";
    }
    if (login.equalsIgnoreCase(repo.repo.owner())) {
      return "OWNER";
    }
    if (orgTeams.isPublicOrgMember(repo.repo.owner(), login)) {
      return "MEMBER";
    }
    return repo.collaborators.contains(key(login)) ? "COLLABORATOR" : "NONE";
  }

  synchronized Optional<String> teamMembership(String org, String team, String login) {
    return orgTeams.membership(org, team, login);
  }

  /**
   * Whether the principal may read the organization's teams: a member of it, or an installation on
   * one of its repositories.
   */
  synchronized boolean mayReadTeams(Principal principal, String org) {
    if (principal instanceof Principal.UserToken u) {
      return u.user().login().equalsIgnoreCase(org) || orgTeams.isOrgMember(org, u.user().login());
    }
    if (principal instanceof Principal.InstallationAccess i) {
      return i.installation().repos().stream()
          .anyMatch(r -> r.toLowerCase(Locale.ROOT).startsWith(org.toLowerCase(Locale.ROOT) + "/"));
    }
    return false;
  }

  // ---- apps

  synchronized App registerApp(long appId, String slug, RSAPublicKey key) {
    String encoded = Base64.getEncoder().encodeToString(key.getEncoded());
    commit(new JournalEntry.AppSaved(appId, slug, encoded));
    App app = apps.get(appId);
    ensureUser(app.botLogin(), "Bot");
    return app;
  }

  synchronized Optional<App> app(long appId) {
    return Optional.ofNullable(apps.get(appId));
  }

  synchronized Installation installApp(long appId, long installationId, List<String> repoNames) {
    if (!apps.containsKey(appId)) {
      throw new IllegalArgumentException("no app " + appId + "; registerApp first");
    }
    Installation installation = new Installation(installationId, appId, repoNames);
    commit(new JournalEntry.InstallationSaved(installation));
    return installation;
  }

  synchronized Optional<Installation> installation(long id) {
    return Optional.ofNullable(installations.get(id));
  }

  synchronized InstallationToken issueInstallationToken(
      long installationId, String token, Instant expiresAt) {
    InstallationToken issued = new InstallationToken(token, installationId, expiresAt);
    commit(new JournalEntry.InstallationTokenSaved(issued));
    return issued;
  }

  synchronized Optional<InstallationToken> installationToken(String token) {
    return Optional.ofNullable(installationTokens.get(token));
  }
}
