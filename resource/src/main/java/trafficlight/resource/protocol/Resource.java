package trafficlight.resource.protocol;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Concourse resource, as three methods; {@link ConcourseProtocol} turns the {@code check}, {@code
 * in} and {@code out} executables' stdin, arguments and environment into calls of these.
 */
public interface Resource {

  /**
   * {@code check}: the versions newer than {@code previous}, oldest first. With no previous version
   * only the newest; when nothing is newer, {@code [previous]}.
   *
   * @param previous the last version Concourse knows, or null on the first check
   */
  List<Version> fetchNewVersions(Version previous);

  /** {@code in}: fetches {@code version} into {@code destination}. */
  Result downloadVersion(
      Version version, Path destination, BuildMetadata build, Map<String, Object> params);

  /** {@code out}: publishes a new version from the build's {@code sources}. */
  Result publishNewVersion(Path sources, BuildMetadata build, Map<String, Object> params);

  /** The version {@code in} and {@code out} report, with the name/value pairs of the build page. */
  record Result(Version version, Map<String, String> metadata) {}
}
