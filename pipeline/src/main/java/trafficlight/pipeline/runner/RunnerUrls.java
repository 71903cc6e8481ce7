package trafficlight.pipeline.runner;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the runner serves a pipeline's build pages and check webhooks, laid out as Concourse lays
 * out its own; the team is always {@code main}.
 *
 * @param base the runner's address without a trailing slash: the builds' ATC_EXTERNAL_URL
 * @param pipeline BUILD_PIPELINE_NAME
 */
record RunnerUrls(String base, String pipeline) {

  static final String TEAM = "main";

  /** A build's page: its BUILD_URL. */
  String build(String job, int number) {
    return base
        + "/teams/"
        + TEAM
        + "/pipelines/"
        + pipeline
        + "/jobs/"
        + job
        + "/builds/"
        + number;
  }

  /** A build's page by its id: its BUILD_URL_SHORT. */
  String shortBuild(long id) {
    return base + "/builds/" + id;
  }

  /** Concourse's check webhook of a resource. */
  String webhook(String resource, String token) {
    return base
        + "/api/v1/teams/"
        + TEAM
        + "/pipelines/"
        + pipeline
        + "/resources/"
        + resource
        + "/check/webhook?webhook_token="
        + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }
}
