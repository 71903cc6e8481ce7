package trafficlight.pipeline.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A demo device, not a resource type to deploy: the commits of an imaginary application, held in
 * memory, that a demo "pushes" with {@link #push}. A get leaves what Concourse's git resource
 * leaves for the put param {@code commit_from} ({@code .git/ref}, {@code .git/commit_message}), so
 * the gate issues record the deployed commit as with a real repository; given an origin URL, it
 * leaves {@code .git/config} naming it too, so the puts record the code repository.
 *
 * <p>Given a real repository, a get is what Concourse's git resource makes: a clone of the
 * repository's branch (with the git command line, as only its reachable commits: a commit
 * force-pushed away is gone) with the version checked out, so steps that need history, such as the
 * generated pin step, work on it.
 */
public final class DemoCodeResource implements ResourceImplementation {

  private final List<Map<String, String>> commits = new ArrayList<>();
  private final Map<String, String> subjects = new LinkedHashMap<>();
  private final String origin;
  private final Path repository;

  /** Commits with made-up SHAs, and checkouts without an origin. */
  public DemoCodeResource() {
    this(null);
  }

  /**
   * @param origin the URL a get's checkout names as its {@code origin} remote, or null
   */
  public DemoCodeResource(String origin) {
    this(origin, null);
  }

  /**
   * Checkouts cloned from a real repository, whose commits are announced with {@link #push(String,
   * String)}.
   *
   * @param origin the URL a get's checkout names as its {@code origin} remote, or null
   * @param repository the git repository (its checked-out branch) that gets clone
   */
  public DemoCodeResource(String origin, Path repository) {
    this.origin = origin;
    this.repository = repository;
  }

  /** A new commit with a made-up SHA: the next version checks find. */
  public synchronized Map<String, String> push(String subject) {
    return push(sha(commits.size() + "\n" + subject), subject);
  }

  /** A new commit made elsewhere (a real repository): the next version checks find. */
  public synchronized Map<String, String> push(String ref, String subject) {
    Map<String, String> version = Map.of("ref", ref);
    commits.add(version);
    subjects.put(ref, subject);
    return version;
  }

  /** The subject of a pushed commit. */
  public synchronized String subject(Map<String, String> version) {
    return subjects.get(version.get("ref"));
  }

  @Override
  public synchronized List<Map<String, String>> check(
      Map<String, Object> source, Map<String, String> version) {
    if (commits.isEmpty()) {
      return List.of();
    }
    int from = version == null ? -1 : commits.indexOf(version);
    return from < 0
        ? List.of(commits.get(commits.size() - 1))
        : List.copyOf(commits.subList(from, commits.size()));
  }

  @Override
  public StepResult get(
      Map<String, Object> source,
      Map<String, String> version,
      Map<String, Object> params,
      Path dest,
      Map<String, String> env) {
    String subject = subject(version);
    if (subject == null) {
      throw new StepFailedException("no such commit " + version, "");
    }
    if (repository != null) {
      clone(version.get("ref"), dest);
    }
    try {
      Path git = Files.createDirectories(dest.resolve(".git"));
      Files.writeString(git.resolve("ref"), version.get("ref") + "\n", StandardCharsets.UTF_8);
      Files.writeString(git.resolve("commit_message"), subject + "\n", StandardCharsets.UTF_8);
      if (origin != null && repository != null) {
        git(dest, "remote", "set-url", "origin", origin);
      } else if (origin != null) {
        Files.writeString(
            git.resolve("config"),
            "[remote \"origin\"]\n\turl = " + origin + "\n",
            StandardCharsets.UTF_8);
      }
      if (repository == null) {
        Files.writeString(dest.resolve("CHANGE"), subject + "\n", StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("commit", version.get("ref"));
    metadata.put("message", subject);
    return new StepResult(version, metadata, "");
  }

  @Override
  public StepResult put(
      Map<String, Object> source, Map<String, Object> params, Path src, Map<String, String> env) {
    throw new StepFailedException("the demo code resource has nothing to put", "");
  }

  /** As the git resource's in: the branch's history, the version checked out. */
  private void clone(String ref, Path dest) {
    try {
      Files.createDirectories(dest.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    git(
        dest.getParent(),
        "clone",
        "-q",
        "--no-local",
        "--single-branch",
        repository.toAbsolutePath().toString(),
        dest.getFileName().toString());
    try {
      git(dest, "-c", "advice.detachedHead=false", "checkout", "-q", ref);
    } catch (StepFailedException e) {
      throw new StepFailedException(
          "commit " + ref + " is not on the branch any more (force-pushed away?)", e.log());
    }
  }

  private static void git(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new StepFailedException("git " + String.join(" ", args) + " failed", output);
      }
    } catch (IOException e) {
      throw new StepFailedException("git " + args[0] + ": " + e.getMessage(), "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailedException("git " + args[0] + " interrupted", "");
    }
  }

  private static String sha(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
