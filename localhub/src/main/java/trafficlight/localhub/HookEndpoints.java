package trafficlight.localhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code /repos/{owner}/{repo}/hooks[/{hook_id}[/pings|/deliveries[/{delivery_id}[/attempts]]]]}:
 * repository webhooks, which need write access (admin on GitHub), and their deliveries.
 */
final class HookEndpoints {
  private static final String REPO = "/repos/(?<owner>[^/]+)/(?<repo>[^/]+)";
  private static final String HOOKS = REPO + "/hooks";
  private static final String HOOK = HOOKS + "/(?<hook>[^/]+)";
  private static final String DELIVERY = HOOK + "/deliveries/(?<delivery>[^/]+)";
  private static final String CREATE_DOCS =
      "https://docs.github.com/rest/repos/webhooks#create-a-repository-webhook";
  private static final String DELIVERIES_DOCS =
      "https://docs.github.com/rest/repos/webhooks#list-deliveries-for-a-repository-webhook";
  private static final String CURSOR_PREFIX = "v1_";

  private final Webhooks webhooks;
  private final WebhookPayloads payloads;

  HookEndpoints(Webhooks webhooks, WebhookPayloads payloads) {
    this.webhooks = webhooks;
    this.payloads = payloads;
  }

  List<Route> routes() {
    String core = RateLimiter.CORE;
    return List.of(
        Route.of("GET", HOOKS, "repos/list-webhooks", core, this::list),
        Route.of("POST", HOOKS, "repos/create-webhook", core, this::create),
        Route.of("GET", HOOK, "repos/get-webhook", core, this::get),
        Route.of("DELETE", HOOK, "repos/delete-webhook", core, this::delete),
        Route.of("POST", HOOK + "/pings", "repos/ping-webhook", core, this::ping),
        Route.of(
            "GET", HOOK + "/deliveries", "repos/list-webhook-deliveries", core, this::deliveries),
        Route.of("GET", DELIVERY, "repos/get-webhook-delivery", core, this::delivery),
        Route.of(
            "POST",
            DELIVERY + "/attempts",
            "repos/redeliver-webhook-delivery",
            core,
            this::redeliver));
  }

  private ApiResponse list(ApiCall call) {
    RepoState repo = call.repo(true, false);
    String apiBase = call.request.apiBase();
    String linkBase = apiBase + "/repos/" + repo.repo.fullName() + "/hooks";
    return Paging.respond(
        call.request, linkBase, webhooks.hooks(repo.repo.id()), h -> HookJson.hook(apiBase, h));
  }

  private ApiResponse create(ApiCall call) {
    RepoState repo = call.repo(true, false);
    ObjectNode body = call.body();
    if (body.has("name") && !"web".equals(body.get("name").asText())) {
      throw invalid("name", "Name must be web");
    }
    JsonNode config = body.path("config");
    String url = config.path("url").asText("");
    if (url.isEmpty()) {
      throw invalid("config", "Config must contain URL for webhooks");
    }
    if (!isHttpUrl(url)) {
      throw invalid("config", "Config url must be an http or https URL: " + url);
    }
    String contentType = config.path("content_type").asText("form");
    if (!contentType.equals("json") && !contentType.equals("form")) {
      throw invalid("config", "Config content_type must be json or form");
    }
    JsonNode secretNode = config.get("secret");
    String secret = secretNode == null || secretNode.isNull() ? null : secretNode.asText();
    List<String> events = events(body.get("events"));
    boolean active = !body.has("active") || body.get("active").asBoolean(true);
    for (String event : events) {
      long existing =
          webhooks.hooks(repo.repo.id()).stream().filter(h -> h.subscribesTo(event)).count();
      if (existing >= Webhooks.MAX_HOOKS_PER_EVENT) {
        throw invalid(
            "hooks",
            "The \""
                + event
                + "\" event cannot have more than "
                + Webhooks.MAX_HOOKS_PER_EVENT
                + " hooks");
      }
    }
    Hook hook =
        create(
            call.store,
            repo,
            url,
            contentType,
            secret,
            events,
            active,
            call.principal.login(),
            enterpriseHost(call.request));
    ObjectNode json = HookJson.hook(call.request.apiBase(), hook);
    return ApiResponse.json(201, json).header("location", json.get("url").asText());
  }

  /** Adds a hook (settings already checked) and pings it if it is active. */
  Hook create(
      HubStore store,
      RepoState repo,
      String url,
      String contentType,
      String secret,
      List<String> events,
      boolean active,
      String sender,
      String enterpriseHost) {
    Instant now = store.clock().now();
    Hook hook =
        webhooks.add(
            new Hook(
                store.newId(),
                repo.repo.id(),
                repo.repo.fullName(),
                url,
                contentType,
                secret,
                events,
                active,
                now,
                now,
                null,
                null,
                null,
                enterpriseHost));
    if (active) {
      sendPing(repo, hook, sender);
    }
    return hook;
  }

  private ApiResponse get(ApiCall call) {
    RepoState repo = call.repo(true, false);
    return ApiResponse.json(200, HookJson.hook(call.request.apiBase(), hook(call, repo)));
  }

  private ApiResponse delete(ApiCall call) {
    RepoState repo = call.repo(true, false);
    if (!webhooks.remove(repo.repo.id(), hook(call, repo).id())) {
      throw new ApiException(GitHubErrors.notFound());
    }
    return ApiResponse.empty(204);
  }

  private ApiResponse ping(ApiCall call) {
    RepoState repo = call.repo(true, false);
    sendPing(repo, hook(call, repo), call.principal.login());
    return ApiResponse.empty(204);
  }

  private ApiResponse deliveries(ApiCall call) {
    RepoState repo = call.repo(true, false);
    Hook hook = hook(call, repo);
    int perPage = perPage(call.request.param("per_page"));
    String status = call.request.param("status");
    if (status != null && !status.equals("success") && !status.equals("failure")) {
      throw new ApiException(
          GitHubErrors.validationFailed(
              DELIVERIES_DOCS, GitHubErrors.fieldError("Hook", "invalid", "status")));
    }
    long before = cursor(call.request.param("cursor"));
    List<WebhookDelivery> matching =
        webhooks.deliveries(hook.id()).stream()
            .sorted(Comparator.comparingLong(WebhookDelivery::id).reversed())
            .filter(d -> d.id() < before)
            .filter(d -> status == null || d.succeeded() == status.equals("success"))
            .toList();
    List<WebhookDelivery> page = matching.subList(0, Math.min(perPage, matching.size()));
    ArrayNode array = Json.MAPPER.createArrayNode();
    page.forEach(d -> array.add(HookJson.deliveryItem(d)));
    ApiResponse response = ApiResponse.json(200, array);
    if (matching.size() > page.size()) {
      String next =
          HookJson.hookUrl(call.request.apiBase(), hook)
              + "/deliveries?per_page="
              + perPage
              + (status == null ? "" : "&status=" + status)
              + "&cursor="
              + CURSOR_PREFIX
              + page.get(page.size() - 1).id();
      response.header("link", "<" + next + ">; rel=\"next\"");
    }
    return response;
  }

  private ApiResponse delivery(ApiCall call) {
    RepoState repo = call.repo(true, false);
    return ApiResponse.json(200, HookJson.delivery(delivery(call, hook(call, repo))));
  }

  private ApiResponse redeliver(ApiCall call) {
    RepoState repo = call.repo(true, false);
    Hook hook = hook(call, repo);
    webhooks.redeliver(hook, delivery(call, hook));
    return ApiResponse.json(202, Json.object());
  }

  private void sendPing(RepoState repo, Hook hook, String sender) {
    webhooks.publishTo(hook, "ping", null, Json.write(payloads.ping(repo, hook, sender)));
  }

  private Hook hook(ApiCall call, RepoState repo) {
    return webhooks
        .hook(repo.repo.id(), id(call.pathPart("hook")))
        .orElseThrow(() -> new ApiException(GitHubErrors.notFound()));
  }

  private WebhookDelivery delivery(ApiCall call, Hook hook) {
    return webhooks
        .delivery(hook.id(), id(call.pathPart("delivery")))
        .orElseThrow(() -> new ApiException(GitHubErrors.notFound()));
  }

  private static long id(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ApiException(GitHubErrors.notFound());
    }
  }

  private static int perPage(String value) {
    try {
      int n = value == null || value.isEmpty() ? 30 : Integer.parseInt(value.trim());
      return Math.max(1, Math.min(100, n));
    } catch (NumberFormatException e) {
      return 30;
    }
  }

  private static long cursor(String value) {
    if (value == null || value.isEmpty()) {
      return Long.MAX_VALUE;
    }
    try {
      return Long.parseLong(value.startsWith(CURSOR_PREFIX) ? value.substring(3) : value);
    } catch (NumberFormatException e) {
      throw new ApiException(
          GitHubErrors.validationFailed(
              DELIVERIES_DOCS, GitHubErrors.fieldError("Hook", "invalid", "cursor")));
    }
  }

  private static List<String> events(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of("push");
    }
    if (!node.isArray()) {
      throw invalid("events", "Events must be a list of event names");
    }
    List<String> events = new ArrayList<>();
    for (JsonNode e : node) {
      if (!e.isTextual() || e.asText().isBlank()) {
        throw invalid("events", "Events must be a list of event names");
      }
      if (!events.contains(e.asText())) {
        events.add(e.asText());
      }
    }
    return events.isEmpty() ? List.of("push") : events;
  }

  /** The hub's host:port when the request came through {@code /api/v3}, else null. */
  private static String enterpriseHost(ApiRequest request) {
    if (!request.apiBase().endsWith(FrontDoor.ENTERPRISE_PREFIX)) {
      return null;
    }
    URI web = URI.create(request.webBase());
    return web.getPort() < 0 ? web.getHost() : web.getHost() + ":" + web.getPort();
  }

  static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static ApiException invalid(String field, String message) {
    ObjectNode error = GitHubErrors.fieldError("Hook", "custom", field);
    error.put("message", message);
    return new ApiException(GitHubErrors.validationFailed(CREATE_DOCS, error));
  }
}
