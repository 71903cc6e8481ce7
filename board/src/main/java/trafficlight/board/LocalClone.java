package trafficlight.board;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import trafficlight.gate.CodeRepositoryUrl;

/**
 * A git clone on this machine (the one {@code where} runs in), read with JGit: it answers ancestry
 * and resolves prefixes for the commits it holds, with no API request. It says nothing about a
 * commit it lacks, and nothing negative in a shallow clone, whose history stops early.
 */
public final class LocalClone implements AutoCloseable {

  private final Repository repository;
  private final boolean shallow;

  private LocalClone(Repository repository) {
    this.repository = repository;
    this.shallow = Files.exists(repository.getDirectory().toPath().resolve("shallow"));
  }

  /** The clone {@code directory} is in (or is), or empty when it is in none. */
  public static Optional<LocalClone> find(Path directory) {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(directory.toFile());
    if (builder.getGitDir() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new LocalClone(builder.setMustExist(true).build()));
    } catch (IOException | IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }

  /** {@code owner/name} its {@code origin} remote names, or null. */
  public String origin() {
    return CodeRepositoryUrl.ownerAndName(
            repository.getConfig().getString("remote", "origin", "url"))
        .orElse(null);
  }

  /**
   * Whether {@code commit} is {@code deployed} or one of its ancestors; empty when the clone lacks
   * either commit, or when it is shallow and finds no path (its history may stop before it).
   */
  public Optional<Boolean> contains(String deployed, String commit) {
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit d = walk.parseCommit(ObjectId.fromString(deployed));
      RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
      boolean merged = walk.isMergedInto(c, d);
      return merged || !shallow ? Optional.of(merged) : Optional.empty();
    } catch (MissingObjectException | IllegalArgumentException missing) {
      return Optional.empty();
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * The commit a prefix names here: its full SHA and subject; empty when none does.
   *
   * @throws IllegalArgumentException when the prefix names several commits
   */
  public Optional<Resolved> resolve(String prefix) {
    try (ObjectReader reader = repository.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      List<RevCommit> found =
          reader.resolve(AbbreviatedObjectId.fromString(prefix)).stream()
              .map(id -> commitOrNull(walk, id))
              .filter(c -> c != null)
              .toList();
      if (found.size() > 1) {
        throw new IllegalArgumentException(
            "commit prefix "
                + prefix
                + " is ambiguous in this clone: it matches "
                + String.join(", ", found.stream().map(RevCommit::name).toList())
                + "; give more digits");
      }
      return found.stream().findFirst().map(c -> new Resolved(c.name(), c.getShortMessage()));
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }

  /** A commit this clone holds. */
  public record Resolved(String sha, String subject) {}

  private static RevCommit commitOrNull(RevWalk walk, ObjectId id) {
    try {
      return walk.parseCommit(id);
    } catch (IOException notACommit) {
      return null;
    }
  }

  @Override
  public void close() {
    repository.close();
  }
}
