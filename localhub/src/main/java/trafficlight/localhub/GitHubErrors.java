package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Error responses in GitHub's shape: {@code message}, {@code documentation_url}, {@code status}.
 */
final class GitHubErrors {
  static final String REST_DOCS = "https://docs.github.com/rest";

  private GitHubErrors() {}

  static ApiResponse error(int status, String message, String documentationUrl) {
    ObjectNode body = Json.object();
    body.put("message", message);
    body.put("documentation_url", documentationUrl);
    body.put("status", String.valueOf(status));
    return ApiResponse.json(status, body);
  }

  static ApiResponse notFound() {
    return error(404, "Not Found", REST_DOCS);
  }

  static ApiResponse badCredentials() {
    return error(401, "Bad credentials", REST_DOCS);
  }

  static ApiResponse requiresAuthentication() {
    return error(401, "Requires authentication", REST_DOCS);
  }

  static ApiResponse notAccessibleByIntegration() {
    return error(403, "Resource not accessible by integration", REST_DOCS);
  }

  static ApiResponse issuesDisabled() {
    return error(410, "Issues are disabled for this repo", "https://docs.github.com/v3/issues/");
  }

  static ApiResponse problemsParsingJson() {
    return error(400, "Problems parsing JSON", REST_DOCS);
  }

  /** 422 "Validation Failed" with one error object per problem. */
  static ApiResponse validationFailed(String documentationUrl, ObjectNode... errors) {
    ObjectNode body = Json.object();
    body.put("message", "Validation Failed");
    ArrayNode list = body.putArray("errors");
    for (ObjectNode e : errors) {
      list.add(e);
    }
    body.put("documentation_url", documentationUrl);
    body.put("status", "422");
    return ApiResponse.json(422, body);
  }

  static ObjectNode fieldError(String resource, String code, String field) {
    ObjectNode e = Json.object();
    e.put("resource", resource);
    e.put("code", code);
    e.put("field", field);
    return e;
  }

  static ObjectNode tooLong(String resource, String field, int max) {
    ObjectNode e = fieldError(resource, "custom", field);
    e.put("message", field + " is too long (maximum is " + max + " characters)");
    return e;
  }
}
