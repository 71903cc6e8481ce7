package trafficlight.localhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** GitHub's checks on issue and comment input, answering 422 "Validation Failed". */
final class IssueValidation {
  static final int MAX_TITLE = 256;
  static final int MAX_BODY = 65_536;
  static final String CREATE_DOCS = "https://docs.github.com/rest/issues/issues#create-an-issue";
  static final String UPDATE_DOCS = "https://docs.github.com/rest/issues/issues#update-an-issue";
  static final String COMMENT_DOCS =
      "https://docs.github.com/rest/issues/comments#create-an-issue-comment";
  static final String UPDATE_COMMENT_DOCS =
      "https://docs.github.com/rest/issues/comments#update-an-issue-comment";

  private IssueValidation() {}

  static String title(JsonNode value, boolean required, String docs) {
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      if (required || value != null) {
        throw fail(docs, GitHubErrors.fieldError("Issue", "missing_field", "title"));
      }
      return null;
    }
    if (!value.isTextual() && !value.isNumber()) {
      throw fail(docs, GitHubErrors.fieldError("Issue", "invalid", "title"));
    }
    String title = value.asText();
    if (title.length() > MAX_TITLE) {
      throw fail(docs, GitHubErrors.tooLong("Issue", "title", MAX_TITLE));
    }
    return title;
  }

  static String body(JsonNode value, String resource, String docs) {
    if (value == null || value.isNull()) {
      return null;
    }
    String body = value.asText();
    if (body.length() > MAX_BODY) {
      throw fail(docs, GitHubErrors.tooLong(resource, "body", MAX_BODY));
    }
    return body;
  }

  /** Label names from an array of strings or of {@code {"name": ...}} objects. */
  static List<String> labels(JsonNode value, String docs) {
    List<String> names = new ArrayList<>();
    if (value == null || value.isNull()) {
      return names;
    }
    if (!value.isArray()) {
      throw fail(docs, GitHubErrors.fieldError("Issue", "invalid", "labels"));
    }
    for (JsonNode item : value) {
      String name = item.isObject() ? item.path("name").asText("") : item.asText("");
      if (name.isBlank()) {
        throw fail(docs, GitHubErrors.fieldError("Label", "invalid", "name"));
      }
      names.add(name.trim());
    }
    return names;
  }

  /** Assignee logins; each must be a user the hub knows. */
  static List<String> assignees(JsonNode value, HubStore store, String docs) {
    List<String> logins = new ArrayList<>();
    if (value == null || value.isNull()) {
      return logins;
    }
    List<JsonNode> items = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(items::add);
    } else {
      items.add(value);
    }
    for (JsonNode item : items) {
      String login = item.asText("");
      User user = store.user(login).orElse(null);
      if (user == null) {
        var error = GitHubErrors.fieldError("Issue", "invalid", "assignees");
        error.put("value", login);
        throw fail(docs, error);
      }
      if (!logins.contains(user.login())) {
        logins.add(user.login());
      }
    }
    return logins;
  }

  static String oneOf(JsonNode value, String field, String docs, String... allowed) {
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.asText();
    for (String a : allowed) {
      if (a.equals(text)) {
        return text;
      }
    }
    var error = GitHubErrors.fieldError("Issue", "invalid", field);
    error.put("value", text);
    throw fail(docs, error);
  }

  static ApiException fail(String docs, ObjectNode error) {
    return new ApiException(GitHubErrors.validationFailed(docs, error));
  }
}
