package trafficlight.pipeline.runner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A build as it runs and after: its inputs, what its puts made, its status and its log, of which
 * {@link #snapshot} gives the {@link Build} the listener and the callers see. Thread-safe: the
 * runner writes it while the build pages read it.
 */
final class BuildRecord {

  private final long id;
  private final String job;
  private final int number;
  private final Map<String, Map<String, String>> inputs;
  private final String url;
  private final Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
  private final StringBuilder log = new StringBuilder();
  private Build.Status status = Build.Status.STARTED;

  /**
   * @param inputs the version of each get, by the get's name
   */
  BuildRecord(
      long id, String job, int number, Map<String, Map<String, String>> inputs, String url) {
    this.id = id;
    this.job = job;
    this.number = number;
    this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    this.url = url;
  }

  long id() {
    return id;
  }

  String job() {
    return job;
  }

  int number() {
    return number;
  }

  /** Its page: BUILD_URL. */
  String url() {
    return url;
  }

  /** The version the get of this name is to fetch. */
  Map<String, String> input(String get) {
    return inputs.get(get);
  }

  /** A put made {@code version} of the resource. */
  synchronized void output(String resource, Map<String, String> version) {
    outputs.put(resource, version);
  }

  synchronized void finish(boolean succeeded) {
    status = succeeded ? Build.Status.SUCCEEDED : Build.Status.FAILED;
  }

  /** Appends to the build's log, ending the text with a newline. */
  synchronized void log(String text) {
    if (text != null && !text.isEmpty()) {
      log.append(text.endsWith("\n") ? text : text + "\n");
    }
  }

  synchronized String logText() {
    return log.toString();
  }

  synchronized Build snapshot() {
    return new Build(
        id,
        job,
        number,
        inputs,
        Collections.unmodifiableMap(new LinkedHashMap<>(outputs)),
        status,
        url);
  }
}
