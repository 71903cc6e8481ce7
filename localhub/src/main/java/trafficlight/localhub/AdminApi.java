package trafficlight.localhub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub's own control endpoints under {@code /_localhub/} (JSON in and out, no auth), a thin
 * layer over the {@link LocalHub} Java API for the demo and non-Java tools. See README.md.
 */
final class AdminApi {
  static final String PREFIX = "/_localhub/";
  private static final Pattern ISSUE_ACTION =
      Pattern.compile(
          "/_localhub/repos/([^/]+/[^/]+)/issues/(\\d+)/(close|reopen|labels|comments)");
  private static final Pattern SEED = Pattern.compile("/_localhub/repos/([^/]+/[^/]+)/issues");
  private static final Pattern PULLS = Pattern.compile("/_localhub/repos/([^/]+/[^/]+)/pulls");
  private static final Pattern ORG_MEMBERS = Pattern.compile("/_localhub/orgs/([^/]+)/members");
  private static final Pattern COLLABORATORS =
      Pattern.compile("/_localhub/repos/([^/]+/[^/]+)/collaborators");
  private static final Pattern ROLES = Pattern.compile("/_localhub/repos/([^/]+/[^/]+)/roles");
  private static final Pattern TEAM_MEMBERSHIPS =
      Pattern.compile("/_localhub/orgs/([^/]+)/teams/([^/]+)/memberships(?:/([^/]+))?");

  private final LocalHub hub;

  AdminApi(LocalHub hub) {
    this.hub = hub;
  }

  ApiResponse handle(String method, String path, String rawQuery, String body) {
    try {
      JsonNode in = body == null || body.isBlank() ? Json.object() : Json.parse(body);
      return route(method.toUpperCase(Locale.ROOT), path, in);
    } catch (JsonProcessingException e) {
      return message(400, "Problems parsing JSON: " + e.getOriginalMessage());
    } catch (IllegalArgumentException | IllegalStateException e) {
      return message(422, e.getMessage());
    }
  }

  private ApiResponse route(String method, String path, JsonNode in) {
    Matcher m;
    if (method.equals("POST") && path.equals("/_localhub/repos")) {
      List<RepoOptions> options = new ArrayList<>();
      if (in.path("private").asBoolean(false)) {
        options.add(RepoOptions.PRIVATE);
      }
      if (!in.path("has_issues").asBoolean(true)) {
        options.add(RepoOptions.ISSUES_DISABLED);
      }
      Repo repo = hub.createRepo(required(in, "full_name"), options.toArray(RepoOptions[]::new));
      ObjectNode out = Json.object();
      out.put("id", repo.id());
      out.put("full_name", repo.fullName());
      out.put("private", repo.isPrivate());
      out.put("has_issues", repo.hasIssues());
      return ApiResponse.json(201, out);
    }
    if (method.equals("POST") && path.equals("/_localhub/tokens")) {
      String login = required(in, "login");
      String token =
          in.hasNonNull("token")
              ? hub.createToken(login, in.get("token").asText())
              : hub.createToken(login);
      ObjectNode out = Json.object();
      out.put("login", login);
      out.put("token", token);
      return ApiResponse.json(201, out);
    }
    if (method.equals("POST") && path.equals("/_localhub/oauth/apps")) {
      hub.registerOAuthApp(
          required(in, "client_id"), required(in, "client_secret"), required(in, "callback_url"));
      ObjectNode out = Json.object();
      out.put("client_id", in.get("client_id").asText());
      out.put("callback_url", in.get("callback_url").asText());
      return ApiResponse.json(201, out);
    }
    if (method.equals("POST") && (m = COLLABORATORS.matcher(path)).matches()) {
      hub.addCollaborator(m.group(1), required(in, "login"), in.path("role").asText("write"));
      return ApiResponse.json(201, in);
    }
    if (method.equals("POST") && (m = ROLES.matcher(path)).matches()) {
      hub.grantRole(m.group(1), required(in, "login"), required(in, "role"));
      return ApiResponse.json(201, in);
    }
    if (method.equals("POST") && (m = ORG_MEMBERS.matcher(path)).matches()) {
      if (in.path("public").asBoolean(false)) {
        hub.addPublicOrgMember(m.group(1), required(in, "login"));
      } else {
        hub.addOrgMember(m.group(1), required(in, "login"));
      }
      return ApiResponse.json(201, in);
    }
    if ((m = TEAM_MEMBERSHIPS.matcher(path)).matches()) {
      if (method.equals("POST") && m.group(3) == null) {
        String login = required(in, "login");
        switch (in.path("state").asText("active")) {
          case "active" -> hub.addTeamMember(m.group(1), m.group(2), login);
          case "pending" -> hub.inviteTeamMember(m.group(1), m.group(2), login);
          default -> throw new IllegalArgumentException("state must be active or pending");
        }
        return ApiResponse.json(201, in);
      }
      if (method.equals("DELETE") && m.group(3) != null) {
        hub.removeTeamMember(m.group(1), m.group(2), m.group(3));
        return ApiResponse.empty(204);
      }
    }
    if (method.equals("POST") && (m = PULLS.matcher(path)).matches()) {
      int number =
          hub.createPullRequest(
              m.group(1),
              required(in, "title"),
              required(in, "head_sha"),
              in.hasNonNull("merge_commit_sha") ? in.get("merge_commit_sha").asText() : null,
              required(in, "login"));
      ObjectNode out = issueJson(hub.issue(m.group(1), number));
      out.put("merge_commit_sha", in.path("merge_commit_sha").asText(null));
      return ApiResponse.json(201, out);
    }
    if (method.equals("POST") && (m = SEED.matcher(path)).matches()) {
      return seed(m.group(1), in);
    }
    if (method.equals("POST") && (m = ISSUE_ACTION.matcher(path)).matches()) {
      String repo = m.group(1);
      int number = Integer.parseInt(m.group(2));
      switch (m.group(3)) {
        case "close" ->
            hub.closeIssue(
                repo, number, required(in, "login"), in.path("state_reason").asText("completed"));
        case "reopen" -> hub.reopenIssue(repo, number, required(in, "login"));
        case "labels" ->
            hub.addLabels(repo, number, strings(in.path("labels")).toArray(String[]::new));
        default -> hub.addComment(repo, number, required(in, "login"), required(in, "body"));
      }
      return ApiResponse.json(200, issueJson(hub.issue(repo, number)));
    }
    if (method.equals("GET")
        && (m = Pattern.compile("/_localhub/repos/([^/]+/[^/]+)/issues").matcher(path)).matches()) {
      ArrayNode out = Json.MAPPER.createArrayNode();
      hub.issues(m.group(1)).forEach(i -> out.add(issueJson(i)));
      return ApiResponse.json(200, out);
    }
    if (path.equals("/_localhub/faults")) {
      if (method.equals("DELETE")) {
        hub.clearFaults();
        return ApiResponse.empty(204);
      }
      if (method.equals("POST")) {
        hub.inject(fault(in));
        return ApiResponse.json(201, in);
      }
      if (method.equals("GET")) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        hub.pendingFaults().forEach(f -> out.add(f.toString()));
        return ApiResponse.json(200, out);
      }
    }
    if (path.equals(DeliveryFaultsAdmin.PATH)) {
      ApiResponse response = DeliveryFaultsAdmin.handle(hub, method, in);
      if (response != null) {
        return response;
      }
    }
    if (path.equals("/_localhub/requests")) {
      if (method.equals("DELETE")) {
        hub.clearRequests();
        return ApiResponse.empty(204);
      }
      if (method.equals("GET")) {
        return ApiResponse.json(200, Json.MAPPER.valueToTree(hub.requests()));
      }
    }
    if (method.equals("POST") && path.equals("/_localhub/clock/advance")) {
      hub.clock().advance(Duration.ofSeconds(in.path("seconds").asLong(0)));
      return clockJson();
    }
    if (method.equals("POST") && path.equals("/_localhub/clock/set")) {
      hub.clock().set(Instant.parse(required(in, "now")));
      return clockJson();
    }
    if (method.equals("GET") && path.equals("/_localhub/clock")) {
      return clockJson();
    }
    return message(404, "Not Found");
  }

  private ApiResponse seed(String repo, JsonNode in) {
    List<IssueSeed> seeds = new ArrayList<>();
    for (JsonNode s : in.path("issues")) {
      seeds.add(
          new IssueSeed(
              required(s, "title"),
              s.hasNonNull("body") ? s.get("body").asText() : null,
              strings(s.path("labels")),
              s.path("state").asText("open"),
              s.hasNonNull("state_reason") ? s.get("state_reason").asText() : null,
              s.hasNonNull("created_at") ? Instant.parse(s.get("created_at").asText()) : null,
              s.hasNonNull("closed_at") ? Instant.parse(s.get("closed_at").asText()) : null));
    }
    int count = in.path("count").asInt(0);
    String titlePrefix = in.path("title").asText("Issue");
    List<String> labels = strings(in.path("labels"));
    String state = in.path("state").asText("open");
    for (int i = 0; i < count; i++) {
      seeds.add(new IssueSeed(titlePrefix + " " + (i + 1), null, labels, state, null, null, null));
    }
    List<Integer> numbers = hub.seedIssues(repo, seeds.size(), seeds::get);
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("numbers");
    numbers.forEach(list::add);
    return ApiResponse.json(201, out);
  }

  static Fault fault(JsonNode in) {
    String method = in.path("method").asText(Fault.ANY_METHOD);
    Fault fault =
        in.hasNonNull("pattern")
            ? Fault.onPattern(method, in.get("pattern").asText())
            : Fault.on(method, required(in, "path"));
    return InjectedFault.repeated(fault, in).policy(policy(in.path("policy")));
  }

  private static FaultPolicy policy(JsonNode p) {
    String type = required(p, "type");
    return switch (type) {
      case "ServerError" -> new FaultPolicy.ServerError(p.path("status").asInt(500));
      case "SecondaryRateLimit" ->
          new FaultPolicy.SecondaryRateLimit(p.path("retry_after").asInt(60));
      case "TooManyRequests" -> new FaultPolicy.TooManyRequests(p.path("retry_after").asInt(60));
      case "RateLimitExhausted" ->
          new FaultPolicy.RateLimitExhausted(Duration.ofSeconds(p.path("reset_in").asLong(60)));
      case "Delay" -> new FaultPolicy.Delay(Duration.ofMillis(p.path("millis").asLong(1000)));
      case "DropConnection" -> new FaultPolicy.DropConnection();
      case "LoseResponseAfterApply" -> new FaultPolicy.LoseResponseAfterApply();
      case "MalformedJson" -> new FaultPolicy.MalformedJson();
      case "TruncatedJson" -> new FaultPolicy.TruncatedJson();
      case "HtmlErrorPage" -> new FaultPolicy.HtmlErrorPage(p.path("status").asInt(502));
      default -> throw new IllegalArgumentException("unknown fault policy type " + type);
    };
  }

  private ApiResponse clockJson() {
    ObjectNode out = Json.object();
    out.put("now", Json.timestamp(hub.clock().now()));
    return ApiResponse.json(200, out);
  }

  private static ObjectNode issueJson(Issue issue) {
    return Json.MAPPER.valueToTree(issue);
  }

  private static String required(JsonNode in, String field) {
    if (!in.hasNonNull(field) || in.get(field).asText().isEmpty()) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return in.get(field).asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asText()));
    return list;
  }

  private static ApiResponse message(int status, String message) {
    ObjectNode out = Json.object();
    out.put("message", message);
    return ApiResponse.json(status, out);
  }
}
