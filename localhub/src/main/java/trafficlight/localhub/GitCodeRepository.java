package trafficlight.localhub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * A git repository on disk (a work tree or a bare repository), read with JGit: refs resolved as
 * GitHub resolves them, the commit graph compared, and the files a range of commits changed. It is
 * read on every call, so commits made to it while the hub runs are seen.
 */
final class GitCodeRepository implements AutoCloseable {
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern SHA_PREFIX = Pattern.compile("[0-9a-fA-F]{4,39}");

  /** How a diff entry changed a file, in GitHub's words, with its line counts. */
  record FileChange(
      String sha,
      String filename,
      String previousFilename,
      String status,
      int additions,
      int deletions) {}

  /**
   * How {@code head} relates to {@code base}: the commits only {@code head} has (oldest first), how
   * many only {@code base} has, and their merge base.
   */
  record Comparison(RevCommit mergeBase, List<RevCommit> ahead, int behindBy) {
    String status() {
      if (ahead.isEmpty()) {
        return behindBy == 0 ? "identical" : "behind";
      }
      return behindBy == 0 ? "ahead" : "diverged";
    }
  }

  private final Path path;
  private final Repository git;

  private GitCodeRepository(Path path, Repository git) {
    this.path = path;
    this.git = git;
  }

  /**
   * Opens the repository at {@code path} (a work tree holding {@code .git}, or a bare repository).
   *
   * @throws IllegalArgumentException when there is no git repository there
   */
  static GitCodeRepository open(Path path) {
    try {
      return new GitCodeRepository(path, Git.open(path.toFile()).getRepository());
    } catch (RepositoryNotFoundException e) {
      throw new IllegalArgumentException(
          "no git repository at " + path + " (give a work tree holding .git, or a bare repository)",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the git repository at " + path, e);
    }
  }

  Path path() {
    return path;
  }

  /** The branch HEAD names, or {@code main} when HEAD is detached or unborn. */
  String defaultBranch() {
    try {
      Ref head = git.exactRef("HEAD");
      if (head != null && head.isSymbolic()) {
        return Repository.shortenRefName(head.getTarget().getName());
      }
      return "main";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The commit a ref names, as GitHub takes it: a full SHA, {@code heads/BRANCH}, {@code tags/TAG},
   * {@code refs/...}, a branch or tag name, or an unambiguous SHA prefix of at least four digits.
   */
  Optional<RevCommit> resolve(String ref) {
    if (ref == null || ref.isEmpty()) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(git)) {
      if (FULL_SHA.matcher(ref).matches()) {
        return commit(walk, ObjectId.fromString(ref));
      }
      for (String name : refNames(ref)) {
        Ref found = git.exactRef(name);
        if (found != null && found.getObjectId() != null) {
          return commit(walk, found.getObjectId());
        }
      }
      if (SHA_PREFIX.matcher(ref).matches()) {
        return uniqueCommit(walk, AbbreviatedObjectId.fromString(ref.toLowerCase(Locale.ROOT)));
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> refNames(String ref) {
    if (ref.startsWith("refs/")) {
      return List.of(ref);
    }
    if (ref.startsWith("heads/") || ref.startsWith("tags/")) {
      return List.of("refs/" + ref);
    }
    return List.of("refs/heads/" + ref, "refs/tags/" + ref);
  }

  private Optional<RevCommit> uniqueCommit(RevWalk walk, AbbreviatedObjectId prefix)
      throws IOException {
    try (ObjectReader reader = git.newObjectReader()) {
      Collection<ObjectId> candidates = reader.resolve(prefix);
      List<RevCommit> commits = new ArrayList<>();
      for (ObjectId id : candidates) {
        commit(walk, id).ifPresent(commits::add);
      }
      return commits.size() == 1 ? Optional.of(commits.get(0)) : Optional.empty();
    }
  }

  /** The commit {@code id} names, peeling annotated tags; empty for another kind or none. */
  private Optional<RevCommit> commit(RevWalk walk, ObjectId id) throws IOException {
    if (!git.getObjectDatabase().has(id)) {
      return Optional.empty();
    }
    RevObject object = walk.peel(walk.parseAny(id));
    if (object instanceof RevCommit commit) {
      walk.parseBody(commit);
      return Optional.of(commit);
    }
    return Optional.empty();
  }

  /** How {@code head} relates to {@code base}; empty when their histories share no commit. */
  Optional<Comparison> compare(RevCommit base, RevCommit head) {
    try {
      RevCommit mergeBase;
      try (RevWalk walk = new RevWalk(git)) {
        walk.setRevFilter(RevFilter.MERGE_BASE);
        walk.markStart(walk.parseCommit(base));
        walk.markStart(walk.parseCommit(head));
        mergeBase = walk.next();
        if (mergeBase == null) {
          return Optional.empty();
        }
      }
      try (RevWalk walk = new RevWalk(git)) {
        mergeBase = walk.parseCommit(mergeBase);
      }
      List<RevCommit> ahead = onlyIn(head, base);
      int behindBy = onlyIn(base, head).size();
      return Optional.of(new Comparison(mergeBase, ahead, behindBy));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The commits reachable from {@code tip} and not from {@code other}, oldest first. */
  private List<RevCommit> onlyIn(RevCommit tip, RevCommit other) throws IOException {
    try (RevWalk walk = new RevWalk(git)) {
      walk.sort(RevSort.TOPO, true);
      walk.sort(RevSort.REVERSE, true);
      walk.markStart(walk.parseCommit(tip));
      walk.markUninteresting(walk.parseCommit(other));
      List<RevCommit> commits = new ArrayList<>();
      for (RevCommit commit : walk) {
        commits.add(commit);
      }
      return commits;
    }
  }

  /** The parents of a commit, parsed. */
  List<RevCommit> parents(RevCommit commit) {
    try (RevWalk walk = new RevWalk(git)) {
      List<RevCommit> parents = new ArrayList<>();
      for (RevCommit parent : commit.getParents()) {
        parents.add(walk.parseCommit(parent));
      }
      return parents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The files that differ between two commits ({@code from} null: the empty tree), renames
   * detected, at most {@code limit}.
   */
  List<FileChange> changes(RevCommit from, RevCommit to, int limit) {
    try (DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      diff.setRepository(git);
      diff.setDetectRenames(true);
      List<FileChange> changes = new ArrayList<>();
      for (DiffEntry entry : diff.scan(from == null ? null : from.getTree(), to.getTree())) {
        if (changes.size() == limit) {
          break;
        }
        int additions = 0;
        int deletions = 0;
        for (Edit edit : diff.toFileHeader(entry).toEditList()) {
          additions += edit.getLengthB();
          deletions += edit.getLengthA();
        }
        boolean removed = entry.getChangeType() == DiffEntry.ChangeType.DELETE;
        boolean renamed = entry.getChangeType() == DiffEntry.ChangeType.RENAME;
        changes.add(
            new FileChange(
                (removed ? entry.getOldId() : entry.getNewId()).name(),
                removed ? entry.getOldPath() : entry.getNewPath(),
                renamed ? entry.getOldPath() : null,
                status(entry.getChangeType()),
                additions,
                deletions));
      }
      return changes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String status(DiffEntry.ChangeType type) {
    return switch (type) {
      case ADD -> "added";
      case DELETE -> "removed";
      case MODIFY -> "modified";
      case RENAME -> "renamed";
      case COPY -> "copied";
    };
  }

  @Override
  public void close() {
    git.close();
  }
}
