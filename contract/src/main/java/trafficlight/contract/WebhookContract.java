package trafficlight.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * GitHub's official webhook description (npm {@code @octokit/openapi-webhooks}, pinned in {@code
 * contract/npm}) as a test oracle for deliveries, beside {@link GitHubContract} for REST.
 *
 * <p>A delivery is judged as the webhook its {@code X-GitHub-Event} header and payload {@code
 * action} name ({@code issues} + {@code closed} is {@code issues-closed}; {@code ping} has no
 * action): the headers the description requires must be there, the content type must be one GitHub
 * sends ({@code application/json}, or {@code application/x-www-form-urlencoded} with the JSON in
 * the {@code payload} field), and the payload must match the webhook's schema (JSON Schema 2020-12,
 * formats asserted). As for REST, properties a schema does not list are allowed unless it says
 * {@code additionalProperties: false}.
 *
 * <p>The description marks {@code X-Hub-Signature-256} required; GitHub leaves it out for a hook
 * without a secret, so validate deliveries of hooks that have one.
 */
public final class WebhookContract {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String BASE_IRI = "https://trafficlight.invalid/openapi-webhooks/";
  private static final Map<Path, Loaded> CACHE = new ConcurrentHashMap<>();
  private static final Pattern SHA256_SIGNATURE = Pattern.compile("sha256=[0-9a-f]{64}");
  private static final Pattern SHA1_SIGNATURE = Pattern.compile("sha1=[0-9a-f]{40}");
  private static final String JSON = "application/json";
  private static final String FORM = "application/x-www-form-urlencoded";

  /** The description and a schema factory over it, built once per JVM and file. */
  private static final class Loaded {
    final Path file;
    final String version;
    final JsonNode webhooks;
    final JsonSchemaFactory factory;
    final String iri;
    final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    final Duration loadTime;

    Loaded(Path file) {
      long start = System.nanoTime();
      this.file = file;
      String text;
      JsonNode document;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
        document = MAPPER.readTree(text);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      this.version = document.path("info").path("version").asText("?");
      this.webhooks = document.path("webhooks");
      this.iri = BASE_IRI + file.getFileName();
      this.factory =
          JsonSchemaFactory.getInstance(
              SpecVersion.VersionFlag.V202012,
              builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(iri, text))));
      this.loadTime = Duration.ofNanos(System.nanoTime() - start);
    }

    JsonSchema schema(String pointer) {
      return schemas.computeIfAbsent(
          pointer,
          p ->
              factory.getSchema(
                  SchemaLocation.of(iri + "#" + p),
                  SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build()));
    }
  }

  private final Supplier<Path> file;

  private WebhookContract(Supplier<Path> file) {
    this.file = file;
  }

  /** The api.github.com webhook description. */
  public static WebhookContract apiGitHubCom() {
    return new WebhookContract(NpmPackages::apiGitHubComWebhooksDescription);
  }

  /** The newest GitHub Enterprise Server 3.x webhook description the pinned package ships. */
  public static WebhookContract enterpriseServer() {
    return new WebhookContract(NpmPackages::newestEnterpriseServerWebhooksDescription);
  }

  /** E.g. "api.github.com (@octokit/openapi-webhooks 12.1.0)". Loads the description if needed. */
  public String descriptionName() {
    Loaded l = loaded();
    String name = l.file.getFileName().toString().replaceFirst("\\.json$", "");
    return name + " (@octokit/openapi-webhooks " + l.version + ")";
  }

  /** How long reading the description took (once per JVM); schemas compile on first use. */
  public Duration loadTime() {
    return loaded().loadTime;
  }

  /**
   * The webhook of the description a delivery is judged as ("issues-closed", "ping"), or null when
   * the description has none for its event and action.
   */
  public String webhookName(WebhookRequest delivery) {
    String event = delivery.header("X-GitHub-Event");
    if (event == null) {
      return null;
    }
    String base = event.toLowerCase(Locale.ROOT).replace('_', '-');
    JsonNode payload = payloadOrNull(delivery);
    String action = payload == null ? null : payload.path("action").asText(null);
    JsonNode webhooks = loaded().webhooks;
    if (action != null && webhooks.has(base + "-" + action)) {
      return base + "-" + action;
    }
    return webhooks.has(base) ? base : null;
  }

  /** Every way the delivery departs from the description; empty when it conforms. */
  public List<String> violations(WebhookRequest delivery) {
    Loaded l = loaded();
    List<String> out = new ArrayList<>();
    String contentType = mediaType(delivery.header("Content-Type"));
    if (!JSON.equals(contentType) && !FORM.equals(contentType)) {
      out.add("Content-Type '" + contentType + "' is neither " + JSON + " nor " + FORM);
      return out;
    }
    String event = delivery.header("X-GitHub-Event");
    if (event == null) {
      out.add("header X-GitHub-Event is missing");
      return out;
    }
    JsonNode payload;
    try {
      payload = payload(delivery, contentType);
    } catch (IllegalArgumentException e) {
      out.add(e.getMessage());
      return out;
    }
    String name = webhookName(delivery);
    if (name == null) {
      out.add(
          "event '"
              + event
              + "' with action '"
              + payload.path("action").asText("")
              + "' is not in "
              + descriptionName());
      return out;
    }
    JsonNode operation = l.webhooks.path(name).path("post");
    for (JsonNode parameter : operation.path("parameters")) {
      if ("header".equals(parameter.path("in").asText())
          && parameter.path("required").asBoolean(false)
          && delivery.header(parameter.path("name").asText()) == null) {
        out.add(name + ": required header " + parameter.path("name").asText() + " is missing");
      }
    }
    out.addAll(headerFormats(delivery));
    JsonNode schemaRef =
        operation.path("requestBody").path("content").path(JSON).path("schema").path("$ref");
    if (!schemaRef.isTextual() || !schemaRef.asText().startsWith("#")) {
      out.add(name + ": the description gives no payload schema reference");
      return out;
    }
    for (ValidationMessage m : l.schema(schemaRef.asText().substring(1)).validate(payload)) {
      if (isAdditionalProperty(m)) {
        continue;
      }
      out.add(name + ": payload: " + m.getMessage());
    }
    return out;
  }

  /** Throws an AssertionError listing every violation of the delivery. */
  public void assertConforms(WebhookRequest delivery) {
    assertConforms(List.of(delivery));
  }

  /** Throws an AssertionError listing every violation of all the deliveries. */
  public void assertConforms(Collection<WebhookRequest> deliveries) {
    ViolationReport report = new ViolationReport();
    deliveries.forEach(d -> report.add(d.describe(), violations(d)));
    report.throwIfAny(
        "GitHub's webhook description " + descriptionName(), deliveries.size() + " deliveries");
  }

  // ---------------------------------------------------------------------------------------------

  private Loaded loaded() {
    return CACHE.computeIfAbsent(file.get(), Loaded::new);
  }

  /** Shapes GitHub's docs give for headers whose schema is only "string". */
  private static List<String> headerFormats(WebhookRequest d) {
    List<String> out = new ArrayList<>();
    String sha256 = d.header("X-Hub-Signature-256");
    if (sha256 != null && !SHA256_SIGNATURE.matcher(sha256).matches()) {
      out.add("X-Hub-Signature-256 '" + sha256 + "' is not sha256=<64 lower-case hex digits>");
    }
    String sha1 = d.header("X-Hub-Signature");
    if (sha1 != null && !SHA1_SIGNATURE.matcher(sha1).matches()) {
      out.add("X-Hub-Signature '" + sha1 + "' is not sha1=<40 lower-case hex digits>");
    }
    String agent = d.header("User-Agent");
    if (agent != null && !agent.startsWith("GitHub-Hookshot/")) {
      out.add("User-Agent '" + agent + "' does not start with GitHub-Hookshot/");
    }
    String hookId = d.header("X-GitHub-Hook-ID");
    if (hookId != null && !hookId.matches("\\d+")) {
      out.add("X-GitHub-Hook-ID '" + hookId + "' is not a number");
    }
    return out;
  }

  private static boolean isAdditionalProperty(ValidationMessage m) {
    return "additionalProperties".equals(m.getType())
        && !falseAdditionalProperties(m.getSchemaNode());
  }

  private static boolean falseAdditionalProperties(JsonNode schemaNode) {
    return schemaNode != null
        && schemaNode.path("additionalProperties").isBoolean()
        && !schemaNode.path("additionalProperties").asBoolean();
  }

  private static String mediaType(String contentType) {
    return contentType == null
        ? null
        : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  private static JsonNode payloadOrNull(WebhookRequest d) {
    try {
      return payload(d, mediaType(d.header("Content-Type")));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static JsonNode payload(WebhookRequest d, String contentType) {
    String json = d.body();
    if (FORM.equals(contentType)) {
      json = null;
      for (String pair : d.body() == null ? new String[0] : d.body().split("&")) {
        if (pair.startsWith("payload=")) {
          json = URLDecoder.decode(pair.substring("payload=".length()), StandardCharsets.UTF_8);
        }
      }
      if (json == null) {
        throw new IllegalArgumentException("form body has no payload field");
      }
    }
    try {
      JsonNode node = MAPPER.readTree(json == null ? "" : json);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("payload is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("payload is not JSON: " + e.getOriginalMessage());
    }
  }

  @Override
  public String toString() {
    return "WebhookContract[" + file.get().getFileName() + "]";
  }
}
