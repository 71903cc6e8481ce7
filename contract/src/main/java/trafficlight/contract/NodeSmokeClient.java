package trafficlight.contract;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drives a GitHub-compatible API with a real third-party client: runs {@code
 * contract/npm/smoke.mjs} ({@code @octokit/rest}) with Node. The script creates 3 issues, lists
 * them with pagination, comments on one, closes it and lists closed issues since before the close.
 * {@link #runWebhooks} runs {@code contract/npm/webhooks.mjs} the same way, for repository
 * webhooks.
 */
public final class NodeSmokeClient {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path npmDir;
  private final String node;
  private final Duration timeout;

  /** Uses {@code contract/npm} and {@code node} from the PATH (or -Dtrafficlight.node). */
  public NodeSmokeClient() {
    this(
        NpmPackages.npmDir(),
        System.getProperty("trafficlight.node", "node"),
        Duration.ofMinutes(2));
  }

  public NodeSmokeClient(Path npmDir, String node, Duration timeout) {
    this.npmDir = npmDir;
    this.node = node;
    this.timeout = timeout;
  }

  /**
   * Runs the script against {@code baseUrl} (e.g. {@code http://127.0.0.1:8080}, or {@code
   * https://host/api/v3} for GHES) as {@code repo} ("owner/name") with {@code token}.
   *
   * @return the script's JSON summary (keys: created, listedOpen, listedOpenPages, paginatedOpen,
   *     allCreatedListed, comment, closed, since, closedSince, closedIssueListedSince, ...)
   * @throws AssertionError with the script's stderr when it exits non-zero or times out
   */
  public Map<String, Object> run(String baseUrl, String token, String repo) {
    return runScript(
        "smoke.mjs", Map.of("BASE_URL", baseUrl, "TOKEN", token, "REPO", repo), baseUrl);
  }

  /**
   * Runs {@code contract/npm/webhooks.mjs} against {@code baseUrl} as {@code repo} with {@code
   * token}: with {@code @octokit/rest} it creates a repository hook (secret {@code secret}) to a
   * receiver of its own, opens and closes an issue, lists the hook's deliveries (paginated) and
   * redelivers the close, then deletes the hook; {@code @octokit/webhooks-methods} verifies every
   * delivery's signature.
   *
   * @return the script's JSON summary (keys: hookId, listedDeliveries, redeliveredGuid,
   *     closedSender, received: [{event, action, guid, hookId, userAgent, verified,
   *     verifiedWithAnotherSecret}])
   * @throws AssertionError with the script's stderr when it exits non-zero or times out
   */
  public Map<String, Object> runWebhooks(String baseUrl, String token, String repo, String secret) {
    return runScript(
        "webhooks.mjs",
        Map.of("BASE_URL", baseUrl, "TOKEN", token, "REPO", repo, "SECRET", secret),
        baseUrl);
  }

  private Map<String, Object> runScript(String script, Map<String, String> env, String baseUrl) {
    if (!Files.isRegularFile(npmDir.resolve("node_modules/@octokit/rest/package.json"))) {
      throw new IllegalStateException(
          "@octokit/rest is not installed in " + npmDir + ": build the contract module first");
    }
    ProcessBuilder pb = new ProcessBuilder(List.of(node, script)).directory(npmDir.toFile());
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + node + " (is Node.js installed?)", e);
    }
    try {
      p.getOutputStream().close();
    } catch (IOException e) {
      // nothing to send anyway
    }
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(
            script
                + " against "
                + baseUrl
                + " timed out after "
                + timeout
                + "; stderr:\n"
                + err.join());
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + script, e);
    }
    String stdout = out.join();
    String stderr = err.join();
    if (p.exitValue() != 0) {
      throw new AssertionError(
          script
              + " against "
              + baseUrl
              + " exited with "
              + p.exitValue()
              + "; stderr:\n"
              + stderr
              + (stdout.isBlank() ? "" : "\nstdout:\n" + stdout));
    }
    String last = stdout.strip();
    int nl = last.lastIndexOf('\n');
    if (nl >= 0) {
      last = last.substring(nl + 1);
    }
    try {
      return MAPPER.readValue(last, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new AssertionError(
          script + " printed no JSON summary; stdout:\n" + stdout + "\nstderr:\n" + stderr, e);
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "(cannot read: " + e + ")";
          }
        });
  }
}
