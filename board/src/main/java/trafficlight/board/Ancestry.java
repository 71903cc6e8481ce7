package trafficlight.board;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import trafficlight.github.CommitComparison;
import trafficlight.github.CommitNotFoundException;
import trafficlight.github.CommitSummary;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.github.NoCommonAncestorException;
import trafficlight.github.RepositoryName;

/**
 * The one answer to "is commit X contained in deployed commit D?", for {@code where}, the board's
 * commit search and what a promotion carries:
 *
 * <ol>
 *   <li>the same commit: yes;
 *   <li>a local clone holding both: git's answer ({@code merge-base --is-ancestor}), no request;
 *   <li>else GitHub's compare API on the deploy record's code repository, {@code D...X}'s status
 *       {@code ahead} or {@code identical}; answers between two full SHAs never change, so each is
 *       kept for good (this object's life: a board refresh or a second question asks no more);
 *   <li>anything else (no code repository, an unknown commit, an unreachable repository) is {@link
 *       State#UNKNOWN} with the reason, never a guess.
 * </ol>
 *
 * Not thread-safe with respect to the client: callers serialize its use, as with {@link
 * GateReader}.
 */
public final class Ancestry {

  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

  /** {@code CONTAINED}, {@code NOT_CONTAINED} or {@code UNKNOWN}. */
  public enum State {
    CONTAINED,
    NOT_CONTAINED,
    UNKNOWN
  }

  /**
   * An answer and how it was reached.
   *
   * @param how {@code same commit}, {@code git} (the local clone) or {@code github} (compare)
   * @param reason for {@link State#UNKNOWN} (and a rewritten history), one line; else null
   */
  public record Verdict(State state, String how, String reason) {}

  /** A commit found through a code repository rather than the deploy records. */
  public record Resolved(String sha, String subject, String codeRepository, String how) {}

  private final GitHubClient github;
  private final LocalClone local;
  private final Map<String, Verdict> answers = new ConcurrentHashMap<>();
  private final List<String> unreachable = new ArrayList<>();
  private int compareRequests;

  /**
   * @param github for compare and commit lookups, or null for none (records and git only)
   * @param local a clone on this machine, or null
   */
  public Ancestry(GitHubClient github, LocalClone local) {
    this.github = github;
    this.local = local;
  }

  /** Only the deploy records: no clone, no requests. */
  public static Ancestry recordsOnly() {
    return new Ancestry(null, null);
  }

  /** Why code repositories could not be asked while resolving prefixes, one line each. */
  public List<String> unreachable() {
    return List.copyOf(unreachable);
  }

  /** The compare requests this object has sent (for tests and benchmarks). */
  public int compareRequests() {
    return compareRequests;
  }

  /**
   * Whether {@code deployed} is {@code commit} or descends from it.
   *
   * @param codeRepository {@code owner/name} the deploy record names, or null
   */
  public Verdict contains(String codeRepository, String deployed, String commit) {
    if (deployed.equals(commit)) {
      return new Verdict(State.CONTAINED, "same commit", null);
    }
    String key = codeRepository + " " + deployed + " " + commit;
    Verdict known = answers.get(key);
    if (known != null) {
      return known;
    }
    Verdict verdict = ask(codeRepository, deployed, commit);
    if (verdict.state() != State.UNKNOWN
        && FULL_SHA.matcher(deployed).matches()
        && FULL_SHA.matcher(commit).matches()) {
      answers.put(key, verdict);
    }
    return verdict;
  }

  private Verdict ask(String codeRepository, String deployed, String commit) {
    if (local != null) {
      Optional<Boolean> git = local.contains(deployed, commit);
      if (git.isPresent()) {
        return new Verdict(git.get() ? State.CONTAINED : State.NOT_CONTAINED, "git", null);
      }
    }
    if (codeRepository == null) {
      return new Verdict(
          State.UNKNOWN,
          null,
          "cannot tell whether "
              + shortSha(deployed)
              + " contains it: its deploy record names no code repository (a put with"
              + " commit_from records it from origin, or set code_repository), and no clone here"
              + " holds both");
    }
    if (github == null) {
      return new Verdict(
          State.UNKNOWN, null, "cannot tell whether " + shortSha(deployed) + " contains it");
    }
    try {
      compareRequests++;
      CommitComparison c = github.compare(RepositoryName.parse(codeRepository), commit, deployed);
      if (c.contains()) {
        return new Verdict(State.CONTAINED, "github", null);
      }
      return new Verdict(
          State.NOT_CONTAINED,
          "github",
          "diverged".equals(c.status())
              ? shortSha(deployed) + " and it have parted (history rewritten, or another branch)"
              : null);
    } catch (NoCommonAncestorException e) {
      return new Verdict(
          State.NOT_CONTAINED,
          "github",
          shortSha(deployed) + " and it share no history in " + codeRepository);
    } catch (CommitNotFoundException e) {
      return new Verdict(
          State.UNKNOWN,
          null,
          codeRepository
              + " knows no commit "
              + shortSha(commit)
              + " or "
              + shortSha(deployed)
              + " (pushed elsewhere, or force-pushed away)");
    } catch (GitHubException e) {
      return new Verdict(
          State.UNKNOWN,
          null,
          "cannot ask "
              + codeRepository
              + " whether "
              + shortSha(deployed)
              + " contains it: "
              + e.getMessage());
    }
  }

  /**
   * The commit a prefix names, looked up in the local clone, else through the code repositories'
   * {@code commits/{ref}}; empty when none knows it.
   *
   * @throws IllegalArgumentException when the prefix is ambiguous
   */
  public Optional<Resolved> resolve(Iterable<String> codeRepositories, String prefix) {
    if (local != null && ofTheseRepositories(local, codeRepositories)) {
      Optional<LocalClone.Resolved> here = local.resolve(prefix);
      if (here.isPresent()) {
        return Optional.of(
            new Resolved(here.get().sha(), here.get().subject(), local.origin(), "git"));
      }
    }
    if (github == null) {
      return Optional.empty();
    }
    for (String repo : codeRepositories) {
      try {
        CommitSummary c = github.commit(RepositoryName.parse(repo), prefix);
        if (c.sha().startsWith(prefix)) {
          return Optional.of(new Resolved(c.sha(), c.subject(), repo, "github"));
        }
      } catch (CommitNotFoundException | IllegalArgumentException unknownHere) {
        // not this repository's commit: try the next
      } catch (GitHubException e) {
        unreachable.add("cannot ask " + repo + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a prefix found in the clone is one the records could mean: the clone's origin is one of
   * their code repositories, or either side names none (a clone of another project could hold a
   * commit with the same prefix).
   */
  private static boolean ofTheseRepositories(LocalClone clone, Iterable<String> repositories) {
    String origin = clone.origin();
    if (origin == null || !repositories.iterator().hasNext()) {
      return true;
    }
    for (String repo : repositories) {
      if (repo.equalsIgnoreCase(origin)) {
        return true;
      }
    }
    return false;
  }

  static String shortSha(String sha) {
    return sha.substring(0, Math.min(7, sha.length()));
  }
}
