package trafficlight.localhub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code /repos/{owner}/{repo}/issues[/{number}[/labels]]} and {@code /repositories/{id}/issues}.
 */
final class IssuesEndpoints {
  private static final String LIST_DOCS =
      "https://docs.github.com/rest/issues/issues#list-repository-issues";

  private IssuesEndpoints() {}

  static ApiResponse list(ApiCall call) {
    RepoState repo = call.repo(false, true);
    String state =
        IssueValidation.oneOf(
            paramNode(call, "state"), "state", LIST_DOCS, "open", "closed", "all");
    String sort =
        IssueValidation.oneOf(
            paramNode(call, "sort"), "sort", LIST_DOCS, "created", "updated", "comments");
    String direction =
        IssueValidation.oneOf(paramNode(call, "direction"), "direction", LIST_DOCS, "asc", "desc");
    List<String> labels =
        call.request.param("labels") == null || call.request.param("labels").isBlank()
            ? List.of()
            : Arrays.stream(call.request.param("labels").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    Instant since = parseSince(call.request.param("since"), LIST_DOCS);
    String creator = call.request.param("creator");
    String assignee = call.request.param("assignee");
    String wantedState = state == null ? "open" : state;

    Comparator<StoredIssue> order = comparator(sort == null ? "created" : sort);
    if (!"asc".equals(direction)) {
      order = order.reversed();
    }
    List<StoredIssue> matching =
        repo.issues.values().stream()
            .filter(i -> wantedState.equals("all") || wantedState.equals(i.state()))
            .filter(
                i ->
                    labels.stream()
                        .allMatch(l -> i.labels().stream().anyMatch(l::equalsIgnoreCase)))
            .filter(i -> since == null || !i.updatedAt().isBefore(since))
            .filter(i -> creator == null || creator.equalsIgnoreCase(i.author()))
            .filter(i -> matchesAssignee(i, assignee))
            .sorted(order)
            .toList();
    String linkBase = call.request.apiBase() + "/repositories/" + repo.repo.id() + "/issues";
    return Paging.respond(call.request, linkBase, matching, i -> call.render.issue(repo, i, false));
  }

  private static JsonNode paramNode(ApiCall call, String name) {
    String value = call.request.param(name);
    return value == null || value.isEmpty() ? null : Json.MAPPER.getNodeFactory().textNode(value);
  }

  static Instant parseSince(String since, String docs) {
    if (since == null || since.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(since).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        var error = GitHubErrors.fieldError("Issue", "invalid", "since");
        error.put("value", since);
        throw IssueValidation.fail(docs, error);
      }
    }
  }

  private static boolean matchesAssignee(StoredIssue issue, String assignee) {
    if (assignee == null || assignee.equals("*") && !issue.assignees().isEmpty()) {
      return true;
    }
    if (assignee.equals("*")) {
      return false;
    }
    if (assignee.equalsIgnoreCase("none")) {
      return issue.assignees().isEmpty();
    }
    return issue.assignees().stream().anyMatch(assignee::equalsIgnoreCase);
  }

  static Comparator<StoredIssue> comparator(String sort) {
    Comparator<StoredIssue> primary =
        switch (sort) {
          case "updated" -> Comparator.comparing(StoredIssue::updatedAt);
          case "comments" -> Comparator.comparingInt(StoredIssue::commentCount);
          default -> Comparator.comparing(StoredIssue::createdAt);
        };
    return primary.thenComparingInt(StoredIssue::number);
  }

  static ApiResponse get(ApiCall call) {
    RepoState repo = call.repo(false, true);
    return ApiResponse.json(200, call.render.issue(repo, call.issue(repo), true));
  }

  static ApiResponse create(ApiCall call) {
    RepoState repo = call.repo(true, true);
    ObjectNode body = call.body();
    String docs = IssueValidation.CREATE_DOCS;
    String title = IssueValidation.title(body.get("title"), true, docs);
    String text = IssueValidation.body(body.get("body"), "Issue", docs);
    List<String> labels = IssueValidation.labels(body.get("labels"), docs);
    JsonNode assigneesNode = body.has("assignees") ? body.get("assignees") : body.get("assignee");
    List<String> assignees = IssueValidation.assignees(assigneesNode, call.store, docs);
    StoredIssue issue =
        call.store.createIssue(repo, title, text, labels, assignees, call.principal.login(), false);
    ObjectNode json = call.render.issue(repo, issue, true);
    return ApiResponse.json(201, json).header("location", json.get("url").asText());
  }

  static ApiResponse update(ApiCall call) {
    RepoState repo = call.repo(true, true);
    StoredIssue current = call.issue(repo);
    ObjectNode body = call.body();
    String docs = IssueValidation.UPDATE_DOCS;
    String title = body.has("title") ? IssueValidation.title(body.get("title"), true, docs) : null;
    String text = IssueValidation.body(body.get("body"), "Issue", docs);
    String state = IssueValidation.oneOf(body.get("state"), "state", docs, "open", "closed");
    String reason =
        IssueValidation.oneOf(
            body.get("state_reason"),
            "state_reason",
            docs,
            "completed",
            "not_planned",
            "reopened",
            "duplicate");
    List<String> labels =
        body.has("labels")
            ? call.store.ensureLabels(repo, IssueValidation.labels(body.get("labels"), docs))
            : null;
    JsonNode assigneesNode = body.has("assignees") ? body.get("assignees") : body.get("assignee");
    List<String> assignees =
        assigneesNode != null ? IssueValidation.assignees(assigneesNode, call.store, docs) : null;
    String actor = call.principal.login();
    Instant now = call.store.clock().now();
    StoredIssue updated =
        call.store.updateIssue(
            repo,
            current.number(),
            actor,
            issue -> {
              StoredIssue next = issue;
              if (title != null) {
                next = next.withTitle(title);
              }
              if (body.has("body")) {
                next = next.withBody(text);
              }
              if (labels != null) {
                next = next.withLabels(labels);
              }
              if (assignees != null) {
                next = next.withAssignees(assignees);
              }
              if ("closed".equals(state) && next.isOpen()) {
                next =
                    next.closed(
                        actor,
                        reason == null || reason.equals("reopened") ? "completed" : reason,
                        now);
              } else if ("open".equals(state) && !next.isOpen()) {
                next = next.reopened();
              } else if (reason != null && !next.isOpen() && !reason.equals("reopened")) {
                next = next.withStateReason(reason);
              }
              return next;
            });
    return ApiResponse.json(200, call.render.issue(repo, updated, true));
  }

  /** {@code POST /repos/{o}/{r}/issues/{n}/labels}: adds labels, answers the issue's labels. */
  static ApiResponse addLabels(ApiCall call) {
    RepoState repo = call.repo(true, true);
    StoredIssue current = call.issue(repo);
    JsonNode body;
    try {
      body = Json.parse(call.request.body() == null ? "" : call.request.body());
    } catch (JsonProcessingException e) {
      throw new ApiException(GitHubErrors.problemsParsingJson());
    }
    JsonNode names = body != null && body.isObject() ? body.get("labels") : body;
    List<String> added = call.store.ensureLabels(repo, IssueValidation.labels(names, LIST_DOCS));
    StoredIssue updated =
        call.store.updateIssue(
            repo, current.number(), call.principal.login(), issue -> issue.withLabelsAdded(added));
    ArrayNode array = Json.MAPPER.createArrayNode();
    updated.labels().forEach(l -> array.add(call.render.label(repo, l)));
    return ApiResponse.json(200, array);
  }

  /** {@code GET /repos/{o}/{r}/labels}. */
  static ApiResponse listLabels(ApiCall call) {
    RepoState repo = call.repo(false, false);
    List<String> names = repo.labels.values().stream().map(StoredLabel::name).toList();
    String linkBase = call.request.apiBase() + "/repositories/" + repo.repo.id() + "/labels";
    return Paging.respond(call.request, linkBase, names, n -> call.render.label(repo, n));
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
