package trafficlight.github;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.localhub.LocalGitRepository;
import trafficlight.localhub.LocalHub;

/**
 * A test against localhub serving a code repository: a git repository the test writes its history
 * into, then {@link #serve}s. Both are closed after the test.
 */
abstract class AgainstCodeRepository {

  @TempDir Path dir;
  @AutoClose LocalGitRepository git;
  @AutoClose LocalHub hub;
  final List<String> log = new ArrayList<>();

  @BeforeEach
  void initGit() {
    git = LocalGitRepository.init(dir.resolve("code.git"));
  }

  /** Starts localhub serving the git repository as {@code name}. */
  void serve(RepositoryName name) {
    hub = LocalHub.builder().codeRepository(name.toString(), git.path()).start();
  }
}
