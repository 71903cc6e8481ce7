package trafficlight.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import trafficlight.concourse.PipelineRef;

/** A pipeline with gate resources, a relay over it, and signed deliveries to send it. */
public final class Fixtures {

  public static final String SECRET = "It's a Secret to Everybody";
  public static final String QA_TOKEN = "tok-qa-8c1f";
  public static final String PROD_TOKEN = "tok-prod-77aa";
  public static final String GITHUB_TOKEN = "ghp_notreallyatoken000000000000000000";
  public static final String QA_TITLE = "[bot] Pulumi myapp applications.myapp.QA deployed.";
  public static final String PROD_TITLE =
      "[bot] Pulumi myapp applications.myapp.Production deployed.";
  public static final String REPOSITORY = "my-org/deploy-gates";

  public static final String PIPELINE =
      """
      resource_types:
      - name: github-issues
        type: registry-image
        source: {repository: ghcr.io/trafficlight/resource}
      resources:
      - name: qa-gate
        type: github-issues
        check_every: 1h
        webhook_token: ((relay.qa_token))
        source:
          repository: my-org/deploy-gates
          access_token: ((github_token))
          issue_prefix: "[bot] Pulumi myapp applications.myapp.QA deployed."
          issue_state: closed
          labels: [pipeline-workflow, promotion-to-production]
      - name: production-gate
        type: issues
        webhook_token: tok-prod-77aa
        source:
          repository: My-Org/Deploy-Gates
          issue_prefix: "[bot] Pulumi myapp applications.myapp.Production deployed."
          issue_state: closed
          skip_if_labeled: [hold]
      - name: open-gates
        type: github-issues
        webhook_token: tok-open
        source: {repository: my-org/deploy-gates, issue_prefix: "[bot]", issue_state: open}
      - name: polled-gate
        type: github-issues
        source: {repository: my-org/deploy-gates, issue_prefix: "[bot]", issue_state: closed}
      - name: code
        type: git
        webhook_token: tok-git
        source: {uri: "https://github.com/my-org/myapp.git", branch: ((branch))}
      jobs:
      - name: deploy
        plan: [{get: qa-gate, trigger: true}, {task: x, file: ((unrelated_var))}]
      """;

  public static final Map<String, String> VARS =
      Map.of("relay.qa_token", QA_TOKEN, "github_token", GITHUB_TOKEN);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Fixtures() {}

  public static List<Route> routes(Path dir) {
    try {
      Path file = dir.resolve("pipeline.yml");
      Files.writeString(file, PIPELINE, StandardCharsets.UTF_8);
      return RouteReader.read("main", PipelineRef.parse("myapp"), file, VARS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RelayServer relay(
      Path dir, URI concourse, Duration firstRetry, Duration retryFor, Consumer<String> log) {
    RelayServer relay =
        new RelayServer(
            new RelaySettings(
                concourse,
                routes(dir),
                SECRET.getBytes(StandardCharsets.UTF_8),
                InetAddress.getLoopbackAddress(),
                0,
                firstRetry,
                retryFor,
                null),
            log);
    relay.start();
    return relay;
  }

  /** An {@code issues} payload as GitHub sends it, trimmed to what the relay reads and more. */
  public static String issues(String action, String title, String stateReason, String... labels) {
    StringBuilder names = new StringBuilder();
    for (String label : labels) {
      names
          .append(names.length() == 0 ? "" : ",")
          .append("{\"id\":1,\"name\":\"")
          .append(label)
          .append("\",\"color\":\"ededed\"}");
    }
    return String.format(
        Locale.ROOT,
        """
        {"action":"%s","issue":{"number":7,"title":"%s","state":"%s","state_reason":%s,\
        "labels":[%s],"user":{"login":"deploy-bot"}},\
        "repository":{"full_name":"%s","name":"deploy-gates"},"sender":{"login":"alice"}}""",
        action,
        title.replace("\"", "\\\""),
        action.equals("closed") ? "closed" : "open",
        stateReason == null ? "null" : "\"" + stateReason + "\"",
        names,
        REPOSITORY);
  }

  public static String closed(String title, String... labels) {
    return issues("closed", title, "completed", labels);
  }

  public static String sign(String body) {
    return sign(body.getBytes(StandardCharsets.UTF_8));
  }

  static String sign(byte[] body) {
    return new WebhookSignature(SECRET.getBytes(StandardCharsets.UTF_8)).sign(body);
  }

  /** Sends a signed JSON delivery under a new id. */
  public static HttpResponse<String> send(RelayServer relay, String event, String body) {
    return send(relay, event, UUID.randomUUID().toString(), body);
  }

  public static HttpResponse<String> send(RelayServer relay, String event, String id, String body) {
    return delivery(event, id, body).send(relay);
  }

  /** A signed JSON delivery as GitHub sends it, whose headers a test may change. */
  static Delivery delivery(String event, String id, String body) {
    return delivery(event, id, body.getBytes(StandardCharsets.UTF_8));
  }

  static Delivery delivery(String event, String id, byte[] body) {
    Delivery delivery = new Delivery(body);
    return delivery
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", id)
        .header("X-Hub-Signature-256", sign(body))
        .header("User-Agent", "GitHub-Hookshot/test");
  }

  /** A POST to the relay's {@code /github}: a body and its headers, in order. */
  static final class Delivery {
    private final byte[] body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Delivery(byte[] body) {
      this.body = body;
    }

    /** Sets {@code name}, or leaves it out when {@code value} is null. */
    Delivery header(String name, String value) {
      if (value == null) {
        headers.remove(name);
      } else {
        headers.put(name, value);
      }
      return this;
    }

    HttpResponse<String> send(RelayServer relay) {
      HttpRequest.Builder request = HttpRequest.newBuilder(github(relay));
      headers.forEach(request::header);
      return post(relay, request.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }
  }

  public static URI github(RelayServer relay) {
    return URI.create("http://127.0.0.1:" + relay.port() + "/github");
  }

  public static HttpResponse<String> post(RelayServer relay, HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static HttpResponse<String> get(RelayServer relay, String path) {
    return post(
        relay, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relay.port() + path)).GET());
  }
}
