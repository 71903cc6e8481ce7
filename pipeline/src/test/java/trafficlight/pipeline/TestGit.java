package trafficlight.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The git command line, for tests that need real repositories and checkouts. */
public final class TestGit {

  private TestGit() {}

  /** What a command printed (stdout and stderr) and its exit code. */
  public record Result(int exit, String output) {}

  /** Runs {@code git args} in {@code dir}; fails the test when git fails. */
  public static String git(Path dir, String... args) {
    Result result = run(dir, Map.of(), prepend("git", args));
    if (result.exit() != 0) {
      throw new AssertionError("git " + String.join(" ", args) + ": " + result.output());
    }
    return result.output().strip();
  }

  /** A repository on branch main whose identity is set, without touching the user's config. */
  public static Path init(Path dir) throws IOException {
    Files.createDirectories(dir);
    git(dir, "init", "-q", "-b", "main");
    git(dir, "config", "user.name", "Dev");
    git(dir, "config", "user.email", "dev@example.com");
    return dir;
  }

  /** Commits a change to {@code CHANGE}; returns the new commit's SHA. */
  public static String commit(Path repo, String subject) throws IOException {
    Files.writeString(repo.resolve("CHANGE"), subject + "\n", StandardCharsets.UTF_8);
    git(repo, "add", "CHANGE");
    git(repo, "commit", "-q", "-m", subject);
    return git(repo, "rev-parse", "HEAD");
  }

  /** Runs a command with more environment, capturing stdout and stderr together. */
  public static Result run(Path dir, Map<String, String> env, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.redirectErrorStream(true);
    builder.environment().putAll(env);
    // the user's own git configuration (signing, hooks, default branch) stays out of the tests
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.waitFor(), output);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static List<String> prepend(String first, String... rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(List.of(rest));
    return all;
  }
}
