package trafficlight.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated step that makes a stage ship exactly the approved commit: after the job's gets, a
 * task checks out, in the {@code commit_from} code input, the commit that the trigger resource's
 * get wrote to {@code <trigger>/commit}, and fails with one line, deploying nothing, when the
 * fetched history lacks it. The task's output is the code input itself, so the deploy and the put's
 * {@code commit_from} see the pinned checkout.
 */
public final class PinStep {

  /** The task's name in the generated jobs. */
  public static final String NAME = "pin-approved-commit";

  /** A small public image with git and a POSIX shell. */
  public static final String DEFAULT_IMAGE = "alpine/git";

  /** {@code repository[:tag]} or {@code repository@sha256:digest}, as registry-image takes it. */
  static final Pattern IMAGE =
      Pattern.compile(
          "((?:[a-z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*)"
              + "(?::([A-Za-z0-9_][A-Za-z0-9._-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?");

  private static final String SCRIPT = load();

  private PinStep() {}

  /** Whether {@code image} is a reference {@link #task} can turn into an image resource. */
  static boolean validImage(String image) {
    return IMAGE.matcher(image).matches();
  }

  /** The POSIX sh script the task runs (params {@code APPROVAL}, {@code CODE}). */
  public static String script() {
    return SCRIPT;
  }

  private static String load() {
    try (InputStream in = PinStep.class.getResourceAsStream("pin-approved-commit.sh")) {
      if (in == null) {
        throw new IllegalStateException("pin-approved-commit.sh is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The task step.
   *
   * @param approval the trigger resource's get, whose directory holds {@code commit}
   * @param code the {@code commit_from} code resource's get, checked out at that commit
   * @param image {@code repository[:tag]} or {@code repository@sha256:digest}
   */
  static Map<String, Object> task(String approval, String code, String image) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("platform", "linux");
    config.put("image_resource", imageResource(image));
    config.put("inputs", List.of(Map.of("name", approval), Map.of("name", code)));
    // an output named like the input carries the checked-out directory on to the later steps
    config.put("outputs", List.of(Map.of("name", code)));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("APPROVAL", approval);
    params.put("CODE", code);
    config.put("params", params);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("path", "sh");
    run.put("args", List.of("-c", script()));
    config.put("run", run);
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("task", NAME);
    step.put("config", config);
    return step;
  }

  private static Map<String, Object> imageResource(String image) {
    Matcher m = IMAGE.matcher(image);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an image reference: " + image);
    }
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repository", m.group(1));
    if (m.group(2) != null) {
      source.put("tag", m.group(2));
    }
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("type", "registry-image");
    resource.put("source", source);
    if (m.group(3) != null) {
      resource.put("version", Map.of("digest", m.group(3)));
    }
    return resource;
  }
}
