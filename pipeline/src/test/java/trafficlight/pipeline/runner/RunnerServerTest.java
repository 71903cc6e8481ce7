package trafficlight.pipeline.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import trafficlight.pipeline.runner.RunnerPipeline.ResourceDef;

/** The runner's build pages and Concourse's check webhook, over a real socket. */
class RunnerServerTest {

  static final HttpClient HTTP = HttpClient.newHttpClient();

  final BuildHistory history = new BuildHistory();
  final List<String> checksAsked = new CopyOnWriteArrayList<>();
  RunnerServer server;

  @BeforeEach
  void start() {
    Map<String, ResourceDef> resources =
        Map.of(
            "gate", new ResourceDef("gate", "issues", Map.of(), null, false, "s3cret&more"),
            "code", new ResourceDef("code", "git", Map.of(), null, false, null));
    server = new RunnerServer(0, "shop", resources, history, checksAsked::add);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  String webhook(String team, String pipeline, String resource) {
    return server.urls().base()
        + "/api/v1/teams/"
        + team
        + "/pipelines/"
        + pipeline
        + "/resources/"
        + resource
        + "/check/webhook";
  }

  @Test
  void theWebhookQueuesACheckAndAnswers201WithTheCheckAsJson() throws Exception {
    HttpResponse<String> response =
        post(server.urls().checkWebhook("gate", "s3cret&more").toString());
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode check = new ObjectMapper().readTree(response.body());
    assertThat(check.get("id").isNumber()).isTrue();
    assertThat(check.get("status").asText()).isEqualTo("started");
    assertThat(check.get("team_name").asText()).isEqualTo("main");
    assertThat(check.get("pipeline_name").asText()).isEqualTo("shop");
    assertThat(check.get("resource_name").asText()).isEqualTo("gate");
    assertThat(check.get("create_time").asLong()).isPositive();
    assertThat(checksAsked).containsExactly("gate");

    JsonNode second =
        new ObjectMapper()
            .readTree(post(server.urls().checkWebhook("gate", "s3cret&more").toString()).body());
    assertThat(second.get("id").asLong()).isGreaterThan(check.get("id").asLong());
  }

  @Test
  void theWebhookAnswersAsConcourseDoesWhenItQueuesNoCheck() throws Exception {
    String gate = webhook("main", "shop", "gate");
    assertThat(post(gate).statusCode()).as("no token").isEqualTo(400);
    assertThat(post(gate + "?webhook_token=").statusCode()).as("empty token").isEqualTo(400);
    assertThat(post(gate + "?webhook_token=s3cret").statusCode()).as("wrong").isEqualTo(401);
    assertThat(post(server.urls().checkWebhook("code", "anything").toString()).statusCode())
        .as("a resource without webhook_token")
        .isEqualTo(401);
    assertThat(post(server.urls().checkWebhook("nope", "s3cret&more").toString()).statusCode())
        .as("unknown resource")
        .isEqualTo(404);
    assertThat(post(webhook("main", "nope", "gate") + "?webhook_token=x").statusCode())
        .as("unknown pipeline")
        .isEqualTo(404);
    assertThat(post(webhook("other", "shop", "gate") + "?webhook_token=x").statusCode())
        .as("unknown team")
        .isEqualTo(404);
    // Concourse looks at the token before the resource, and at the pipeline before both
    assertThat(post(webhook("main", "shop", "nope")).statusCode()).isEqualTo(400);
    assertThat(post(webhook("main", "nope", "nope")).statusCode()).isEqualTo(404);
    assertThat(get(server.urls().checkWebhook("gate", "s3cret&more").toString()).statusCode())
        .isEqualTo(405);
    assertThat(checksAsked).isEmpty();
  }

  @Test
  void eachBuildHasItsPageAtItsBuildUrlAndItsShortUrl() throws Exception {
    BuildRecord first =
        history.start("deploy-ci", Map.of("code", Map.of("ref", "abc")), server.urls());
    first.log("get: code");
    first.log("deploying abc\n");
    first.finish(true);
    BuildRecord second = history.start("deploy-ci", Map.of(), server.urls());

    assertThat(first.url())
        .isEqualTo(server.urls().base() + "/teams/main/pipelines/shop/jobs/deploy-ci/builds/1");
    HttpResponse<String> page = get(first.url());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).isEqualTo("deploy-ci #1 (succeeded)\n\nget: code\ndeploying abc\n");
    assertThat(get(server.urls().shortBuild(second.id())).body())
        .startsWith("deploy-ci #2 (started)");
    assertThat(get(server.urls().base() + "/").body())
        .contains("pipeline shop")
        .contains("deploy-ci #1 succeeded  " + first.url())
        .contains("deploy-ci #2 started  " + second.url());
  }

  @Test
  void pagesThatAreNotThereAre404AndPagesTakeOnlyGet() throws Exception {
    history.start("deploy-ci", Map.of(), server.urls());
    String base = server.urls().base();
    assertThat(get(base + "/teams/main/pipelines/shop/jobs/deploy-ci/builds/2").statusCode())
        .isEqualTo(404);
    assertThat(get(base + "/teams/main/pipelines/other/jobs/deploy-ci/builds/1").statusCode())
        .isEqualTo(404);
    assertThat(get(base + "/builds/99999999999999999999").statusCode()).isEqualTo(404);
    assertThat(get(base + "/elsewhere").statusCode()).isEqualTo(404);
    assertThat(post(base + "/builds/1").statusCode()).isEqualTo(405);
  }

  static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
