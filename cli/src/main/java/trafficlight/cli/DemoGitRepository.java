package trafficlight.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The demo's code repository: a real git repository on disk, which localhub serves as {@code
 * demo/myapp} ({@code --code-repo}), so that compare, {@code where}'s ancestry and the commit lists
 * in gate comments work as against GitHub. Each push is one commit by a named developer.
 */
final class DemoGitRepository implements AutoCloseable {

  static final String NAME = "demo/myapp";

  private final Git git;
  private final Path directory;

  private DemoGitRepository(Git git, Path directory) {
    this.git = git;
    this.directory = directory;
  }

  static DemoGitRepository create(Path directory) {
    try {
      Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call();
      return new DemoGitRepository(git, directory);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create the demo's git repository: " + e, e);
    }
  }

  Path directory() {
    return directory;
  }

  /** Commits a change to {@code CHANGE} by {@code author}; returns the new commit's full SHA. */
  synchronized String commit(String subject, String author) {
    try {
      Files.writeString(directory.resolve("CHANGE"), subject + "\n", StandardCharsets.UTF_8);
      git.add().addFilepattern("CHANGE").call();
      PersonIdent who = new PersonIdent(author, author.toLowerCase(Locale.ROOT) + "@example.com");
      RevCommit c = git.commit().setMessage(subject).setAuthor(who).setCommitter(who).call();
      return c.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot commit to the demo's git repository: " + e, e);
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
