package trafficlight.concourse;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where Concourse serves a pipeline's build pages and its resources' check webhooks: the one home
 * of that layout, for the relay (which calls the webhooks) and the local runner (which imitates
 * Concourse). An instanced pipeline's vars ride in the query, as Concourse's own links carry them.
 *
 * @param base Concourse's external URL (ATC_EXTERNAL_URL), trailing slashes dropped
 */
public record ConcourseUrls(String base, String team, PipelineRef pipeline) {

  public ConcourseUrls {
    base = base.replaceAll("/+$", "");
  }

  public ConcourseUrls(URI base, String team, PipelineRef pipeline) {
    this(base.toString(), team, pipeline);
  }

  /** A build's page, its BUILD_URL: {@code /teams/T/pipelines/P/jobs/J/builds/N}. */
  public String build(String job, String buildName) {
    return withInstance(pipelinePath() + "/jobs/" + segment(job) + "/builds/" + segment(buildName));
  }

  /** A build's page by its id, its BUILD_URL_SHORT. */
  public String shortBuild(long id) {
    return base + "/builds/" + id;
  }

  /** A resource's check webhook, its token included. */
  public URI checkWebhook(String resource, String webhookToken) {
    String instance = pipeline.query();
    return URI.create(
        base
            + "/api/v1"
            + pipelinePath()
            + "/resources/"
            + segment(resource)
            + "/check/webhook?webhook_token="
            + URLEncoder.encode(webhookToken, StandardCharsets.UTF_8)
            + (instance.isEmpty() ? "" : "&" + instance));
  }

  private String pipelinePath() {
    return "/teams/" + segment(team) + "/pipelines/" + segment(pipeline.name());
  }

  private String withInstance(String path) {
    String instance = pipeline.query();
    return base + path + (instance.isEmpty() ? "" : "?" + instance);
  }

  private static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
