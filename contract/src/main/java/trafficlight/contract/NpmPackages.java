package trafficlight.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds {@code contract/npm} (the pinned npm install) in the checkout: from the system property
 * {@code trafficlight.root} (set by surefire for every module), else by walking up from the working
 * directory.
 */
public final class NpmPackages {

  private static final Pattern GHES = Pattern.compile("ghes-3\\.(\\d+)\\.json");

  private NpmPackages() {}

  /** The {@code contract/npm} directory. */
  public static Path npmDir() {
    String root = System.getProperty("trafficlight.root");
    if (root != null && !root.isBlank()) {
      Path candidate = Path.of(root).resolve("contract/npm");
      if (Files.isRegularFile(candidate.resolve("package.json"))) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("contract/npm");
      if (Files.isRegularFile(candidate.resolve("package.json"))) {
        return candidate.normalize();
      }
    }
    throw new IllegalStateException(
        "cannot find contract/npm: set -Dtrafficlight.root to the checkout root (surefire does so"
            + " in the root pom) or run from inside the checkout; working dir is "
            + Path.of("").toAbsolutePath()
            + ", trafficlight.root is "
            + root);
  }

  /** {@code contract/npm/node_modules/@octokit/openapi}, checked to be installed. */
  public static Path octokitOpenApi() {
    return installed("@octokit/openapi");
  }

  private static Path installed(String npmPackage) {
    Path dir = npmDir().resolve("node_modules/" + npmPackage);
    if (!Files.isRegularFile(dir.resolve("package.json"))) {
      throw new IllegalStateException(
          dir
              + " is missing: build the contract module (./mvnw -pl contract install runs npm ci"
              + " when it is missing) or run `npm ci` in "
              + npmDir());
    }
    return dir;
  }

  /** {@code contract/npm/node_modules/@octokit/openapi-webhooks}, checked to be installed. */
  public static Path octokitOpenApiWebhooks() {
    return installed("@octokit/openapi-webhooks");
  }

  /** The generated webhook description for api.github.com (OpenAPI 3.1). */
  public static Path apiGitHubComWebhooksDescription() {
    return octokitOpenApiWebhooks().resolve("generated/api.github.com.json");
  }

  /** The generated description for api.github.com. */
  public static Path apiGitHubComDescription() {
    return octokitOpenApi().resolve("generated/api.github.com.json");
  }

  /** The newest {@code ghes-3.N.json} (not the .deref variant) the installed package ships. */
  public static Path newestEnterpriseServerDescription() {
    return newestEnterpriseServer(octokitOpenApi().resolve("generated"));
  }

  /** The newest {@code ghes-3.N.json} webhook description the installed package ships. */
  public static Path newestEnterpriseServerWebhooksDescription() {
    return newestEnterpriseServer(octokitOpenApiWebhooks().resolve("generated"));
  }

  private static Path newestEnterpriseServer(Path generated) {
    try (Stream<Path> files = Files.list(generated)) {
      Optional<Path> newest =
          files
              .filter(p -> GHES.matcher(p.getFileName().toString()).matches())
              .max(Comparator.comparingInt(NpmPackages::ghesMinor));
      return newest.orElseThrow(
          () -> new IllegalStateException("no ghes-3.N.json description in " + generated));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int ghesMinor(Path p) {
    Matcher m = GHES.matcher(p.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException(p.toString());
    }
    return Integer.parseInt(m.group(1));
  }
}
