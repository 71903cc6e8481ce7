package trafficlight.pipeline.runner;

import java.util.List;
import java.util.Map;

/** What happens in the runner, as it happens (called on the runner's thread). */
public interface RunnerListener {

  /** A check found versions not seen before, oldest first. */
  default void versionsFound(String resource, List<Map<String, String>> versions) {}

  /** A check failed; it is tried again at the next interval. */
  default void checkFailed(String resource, String message) {}

  default void buildStarted(Build build) {}

  /**
   * A step of a build finished.
   *
   * @param kind get, task, put or "implicit get" (after a put)
   * @param version what a get fetched or a put made; null for a task
   * @param metadata what the resource reported (a task: empty)
   */
  default void stepFinished(
      Build build,
      String kind,
      String name,
      Map<String, String> version,
      Map<String, String> metadata) {}

  /** A step failed: the build fails with it. */
  default void stepFailed(Build build, String kind, String name, String message) {}

  default void buildFinished(Build build) {}
}
