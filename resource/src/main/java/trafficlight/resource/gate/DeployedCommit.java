package trafficlight.resource.gate;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import trafficlight.resource.protocol.BuildMetadata;
import trafficlight.resource.protocol.ResourceException;

/**
 * The commit a build deployed, read from a git checkout among the put's inputs ({@code
 * commit_from}), and the record of it that a put adds to the issue body or comment: a visible line
 * and a machine-readable HTML comment that the board parses:
 *
 * <pre>
 * Deployed commit `1a2b3c4` Fix the login page
 * &lt;!-- trafficlight:deploy {"commit":"1a2b3c4…","subject":"Fix the login page",…} --&gt;
 * </pre>
 */
record DeployedCommit(String sha, String subject) {

  static final String MARKER = "trafficlight:deploy";
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

  /**
   * Reads the checkout: Concourse's git resource leaves {@code .git/ref} and {@code
   * .git/commit_message}; a plain clone has {@code .git/HEAD} and its ref.
   */
  static DeployedCommit read(Path sources, String commitFrom) {
    Path checkout = InsideSources.resolve(sources, "commit_from", commitFrom, "my-repo");
    Path git = checkout.resolve(".git");
    if (!Files.isDirectory(git)) {
      throw new ResourceException(
          "put param commit_from \""
              + commitFrom
              + "\" is not a git checkout (it has no .git directory): name the directory of the"
              + " code resource's get, e.g. commit_from: my-repo");
    }
    String sha = firstLine(git.resolve("ref"));
    if (sha == null) {
      sha = headCommit(git);
    }
    if (sha == null || !SHA.matcher(sha).matches()) {
      throw new ResourceException(
          "put param commit_from \"" + commitFrom + "\": cannot tell which commit is checked out");
    }
    String subject = firstLine(git.resolve("commit_message"));
    return new DeployedCommit(sha, subject == null ? "" : subject);
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

  /** The lines a put appends to the body or comment. */
  String record(BuildMetadata build) {
    Map<String, String> record = new LinkedHashMap<>();
    record.put("commit", sha);
    record.put("subject", subject);
    record.put("build_name", build.get("BUILD_NAME"));
    record.put("job", build.get("BUILD_JOB_NAME"));
    record.put("pipeline", build.get("BUILD_PIPELINE_NAME"));
    record.put("build_url", build.buildUrl());
    String json;
    try {
      // "--" cannot end an HTML comment early: JSON never holds "-->" unescaped after this
      json = JSON.std.asString(record).replace("-->", "--\\u003e");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return "\n\nDeployed commit `"
        + sha.substring(0, 7)
        + "`"
        + (subject.isEmpty() ? "" : " " + subject)
        + "\n<!-- "
        + MARKER
        + " "
        + json
        + " -->\n";
  }
}
