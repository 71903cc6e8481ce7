package trafficlight.pipeline.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What the runner needs of a resource type: Concourse's check, in and out. */
public interface ResourceImplementation {

  /** Versions from {@code version} (null on the first check) on, oldest first. */
  List<Map<String, String>> check(Map<String, Object> source, Map<String, String> version);

  /** Fetches {@code version} into {@code dest}. */
  StepResult get(
      Map<String, Object> source,
      Map<String, String> version,
      Map<String, Object> params,
      Path dest,
      Map<String, String> env);

  /** Pushes from the build's directory {@code src}; answers the version it made. */
  StepResult put(
      Map<String, Object> source, Map<String, Object> params, Path src, Map<String, String> env);

  /**
   * What an in or out step answered.
   *
   * @param version the version fetched or made
   * @param metadata the name/value pairs of the build page
   * @param log what the step wrote to stderr (Concourse's build log)
   */
  record StepResult(Map<String, String> version, Map<String, String> metadata, String log) {}

  /** A step failed: its one-line message and its log. */
  final class StepFailedException extends RuntimeException {
    private final String log;

    public StepFailedException(String message, String log) {
      super(message);
      this.log = log;
    }

    public String log() {
      return log;
    }
  }
}
