package trafficlight.localhub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A bare git repository on disk that tests and the demo write commits into, to be served by a hub
 * ({@link LocalHub#serveCode}) or cloned. Commits are written directly (no work tree), each one a
 * second after the previous, so their order and dates are predictable.
 *
 * <pre>{@code
 * try (LocalGitRepository git = LocalGitRepository.init(dir)) {
 *   String first = git.commit("main", "Fix the cart total", "Ann Lee", "ann@example.com",
 *       Map.of("cart.txt", "total = sum(items)\n"));
 *   hub.serveCode("acme/shop", git.path());
 * }
 * }</pre>
 */
public final class LocalGitRepository implements AutoCloseable {
  private final Path path;
  private final Repository git;
  private Instant clock = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private LocalGitRepository(Path path, Repository git) {
    this.path = path;
    this.git = git;
  }

  /** Creates a bare repository in {@code dir} whose HEAD names {@code main}. */
  public static LocalGitRepository init(Path dir) {
    try {
      Git created =
          Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call();
      return new LocalGitRepository(dir, created.getRepository());
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create a git repository in " + dir, e);
    }
  }

  public Path path() {
    return path;
  }

  /**
   * Commits on {@code branch}: the files of its tip with {@code files} (path to content, {@code /}
   * for directories) written over them. A branch that does not exist yet starts with this commit,
   * which then has no parent (see {@link #branch} to start one from a commit).
   *
   * @return the new commit's SHA
   */
  public String commit(
      String branch,
      String message,
      String authorName,
      String authorEmail,
      Map<String, String> files) {
    try (ObjectInserter inserter = git.newObjectInserter()) {
      Ref tip = git.exactRef(Constants.R_HEADS + branch);
      TreeMap<String, ObjectId> tree = new TreeMap<>();
      if (tip != null) {
        readTree(tip.getObjectId(), tree);
      }
      for (Map.Entry<String, String> file : files.entrySet()) {
        tree.put(
            file.getKey(),
            inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8)));
      }
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      tree.forEach(
          (name, blob) -> {
            DirCacheEntry entry = new DirCacheEntry(name);
            entry.setFileMode(FileMode.REGULAR_FILE);
            entry.setObjectId(blob);
            builder.add(entry);
          });
      builder.finish();
      clock = clock.plusSeconds(1);
      PersonIdent author = new PersonIdent(authorName, authorEmail, clock, ZoneOffset.UTC);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      if (tip != null) {
        commit.setParentId(tip.getObjectId());
      }
      commit.setAuthor(author);
      commit.setCommitter(author);
      commit.setMessage(message.endsWith("\n") ? message : message + "\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      moveBranch(branch, id);
      return id.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Points {@code branch} at {@code sha}, creating or moving it (a force-push). */
  public void branch(String branch, String sha) {
    try {
      moveBranch(branch, ObjectId.fromString(sha));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void moveBranch(String branch, ObjectId id) throws IOException {
    RefUpdate update = git.updateRef(Constants.R_HEADS + branch);
    update.setNewObjectId(id);
    RefUpdate.Result result = update.forceUpdate();
    if (result != RefUpdate.Result.NEW
        && result != RefUpdate.Result.FORCED
        && result != RefUpdate.Result.FAST_FORWARD
        && result != RefUpdate.Result.NO_CHANGE) {
      throw new IllegalStateException("cannot move " + branch + " to " + id.name() + ": " + result);
    }
  }

  private void readTree(ObjectId commitId, Map<String, ObjectId> into) throws IOException {
    try (RevWalk walk = new RevWalk(git);
        TreeWalk tree = new TreeWalk(git)) {
      RevCommit commit = walk.parseCommit(commitId);
      tree.addTree(commit.getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        into.put(tree.getPathString(), tree.getObjectId(0));
      }
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
