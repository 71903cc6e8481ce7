package trafficlight.localhub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Gives a test a new, empty bare git repository; closes and deletes it after the test. */
final class NewGitRepository implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalGitRepository.class;
  }

  @Override
  public LocalGitRepository resolveParameter(ParameterContext parameter, ExtensionContext context) {
    try {
      Path dir = Files.createTempDirectory("localhub-test-git");
      LocalGitRepository git = LocalGitRepository.init(dir.resolve("repo.git"));
      AutoCloseable cleanUp =
          () -> {
            git.close();
            delete(dir);
          };
      context.getStore(ExtensionContext.Namespace.create(getClass())).put(git, cleanUp);
      return git;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
