package trafficlight.resource.steps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import trafficlight.gate.CodeRepositoryUrl;
import trafficlight.gate.ResourceInterface.PutParam;

/**
 * The commit a build deployed, read from a git checkout among the put's inputs ({@code
 * commit_from}); the put writes it into the issue's {@link trafficlight.gate.DeployRecord}.
 *
 * @param codeRepository {@code owner/name} of the checkout's {@code origin} remote, or null when it
 *     has none or it is not a URL naming one (a local path)
 */
record DeployedCommit(String sha, String subject, String codeRepository) {
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");
  private static final Pattern SECTION = Pattern.compile("\\s*\\[(.*)\\]\\s*");
  private static final Pattern ORIGIN = Pattern.compile("remote\\s+\"origin\"");
  private static final Pattern URL = Pattern.compile("\\s*url\\s*=\\s*(.*?)\\s*");

  /**
   * Reads the checkout: Concourse's git resource leaves {@code .git/ref} and {@code
   * .git/commit_message}; a plain clone has {@code .git/HEAD} and its ref.
   */
  static DeployedCommit read(Path sources, String commitFrom) {
    Path checkout = InsideSources.resolve(sources, PutParam.COMMIT_FROM, commitFrom, "my-repo");
    Path git = checkout.resolve(".git");
    if (!Files.isDirectory(git)) {
      throw InsideSources.problem(
          PutParam.COMMIT_FROM,
          commitFrom,
          " is not a git checkout (it has no .git directory): name the directory of the code"
              + " resource's get, e.g. commit_from: my-repo");
    }
    String sha = firstLine(git.resolve("ref"));
    if (sha == null) {
      sha = headCommit(git);
    }
    if (sha == null || !SHA.matcher(sha).matches()) {
      throw InsideSources.problem(
          PutParam.COMMIT_FROM, commitFrom, ": cannot tell which commit is checked out");
    }
    String subject = firstLine(git.resolve("commit_message"));
    return new DeployedCommit(sha, subject == null ? "" : subject, originRepository(git));
  }

  /**
   * The {@code origin} remote's {@code owner/name}, read from {@code .git/config} by hand: the
   * resource stays lean, and a git resource's checkout has the source's {@code uri} there.
   */
  private static String originRepository(Path git) {
    List<String> lines;
    try {
      lines = Files.readAllLines(git.resolve("config"), StandardCharsets.UTF_8);
    } catch (IOException none) {
      return null;
    }
    boolean inOrigin = false;
    for (String line : lines) {
      Matcher section = SECTION.matcher(line);
      if (section.matches()) {
        inOrigin = ORIGIN.matcher(section.group(1).strip()).matches();
        continue;
      }
      Matcher url = URL.matcher(line);
      if (inOrigin && url.matches()) {
        return CodeRepositoryUrl.ownerAndName(unquote(url.group(1))).orElse(null);
      }
    }
    return null;
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  private static String headCommit(Path git) {
    String head = firstLine(git.resolve("HEAD"));
    if (head == null || !head.startsWith("ref: ")) {
      return head; // detached: the sha itself
    }
    String ref = head.substring("ref: ".length());
    String loose = firstLine(git.resolve(ref));
    if (loose != null) {
      return loose;
    }
    try {
      for (String line : Files.readAllLines(git.resolve("packed-refs"), StandardCharsets.UTF_8)) {
        if (line.endsWith(" " + ref)) {
          return line.substring(0, line.indexOf(' '));
        }
      }
    } catch (IOException none) {
      // no packed refs
    }
    return null;
  }

  private static String firstLine(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8)
          .lines()
          .findFirst()
          .map(String::strip)
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }
}
