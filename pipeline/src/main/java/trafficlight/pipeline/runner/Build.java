package trafficlight.pipeline.runner;

import java.util.Map;

/**
 * A build of a job, as the runner last saw it.
 *
 * @param id numbered across the pipeline (BUILD_ID)
 * @param job the job's name
 * @param number numbered per job from 1 (BUILD_NAME)
 * @param inputs the version each get step fetches, by the step's name ({@code get:}), which is the
 *     resource's name unless the step names another {@code resource:}
 * @param outputs the version each put made, by resource
 * @param status where the build is
 * @param url its page on the runner (BUILD_URL)
 */
public record Build(
    long id,
    String job,
    int number,
    Map<String, Map<String, String>> inputs,
    Map<String, Map<String, String>> outputs,
    Status status,
    String url) {

  /** Concourse's build states the runner uses. */
  public enum Status {
    STARTED,
    SUCCEEDED,
    FAILED
  }
}
