package trafficlight.resource.protocol;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The build variables Concourse passes to {@code in} and {@code out}. */
public record BuildMetadata(Map<String, String> env) {

  /** The names a template may use, in the order users read them. */
  public static final List<String> NAMES =
      List.of(
          "BUILD_ID",
          "BUILD_NAME",
          "BUILD_JOB_NAME",
          "BUILD_PIPELINE_NAME",
          "BUILD_PIPELINE_INSTANCE_VARS",
          "BUILD_TEAM_NAME",
          "ATC_EXTERNAL_URL",
          "BUILD_URL");

  public String get(String name) {
    String value = env.get(name);
    return value == null ? "" : value;
  }

  /**
   * The build's page: {@code $BUILD_URL} where Concourse (v8+) sets it, else built from the other
   * variables as Concourse builds it.
   */
  public String buildUrl() {
    String given = env.get("BUILD_URL");
    if (given != null && !given.isEmpty()) {
      return given;
    }
    String atc = get("ATC_EXTERNAL_URL");
    if (get("BUILD_JOB_NAME").isEmpty() || get("BUILD_PIPELINE_NAME").isEmpty()) {
      return atc + "/builds/" + get("BUILD_ID"); // a one-off build has no job
    }
    String url =
        atc
            + "/teams/"
            + encode(get("BUILD_TEAM_NAME"))
            + "/pipelines/"
            + encode(get("BUILD_PIPELINE_NAME"))
            + "/jobs/"
            + encode(get("BUILD_JOB_NAME"))
            + "/builds/"
            + encode(get("BUILD_NAME"));
    String vars = get("BUILD_PIPELINE_INSTANCE_VARS");
    return vars.isEmpty() ? url : url + "?vars=" + URLEncoder.encode(vars, StandardCharsets.UTF_8);
  }

  /** The values templates can use: every name of {@link #NAMES}, empty when unset. */
  public Map<String, String> templateValues() {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : NAMES) {
      values.put(name, name.equals("BUILD_URL") ? buildUrl() : get(name));
    }
    return values;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
