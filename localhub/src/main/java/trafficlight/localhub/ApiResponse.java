package trafficlight.localhub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A response before it is sent: status, headers (lower-case names) and body (null: none). */
final class ApiResponse {
  final int status;
  final Map<String, String> headers = new LinkedHashMap<>();
  String body;

  ApiResponse(int status, String body) {
    this.status = status;
    this.body = body;
  }

  static ApiResponse json(int status, JsonNode body) {
    ApiResponse response = new ApiResponse(status, Json.write(body));
    response.header("content-type", "application/json; charset=utf-8");
    return response;
  }

  static ApiResponse empty(int status) {
    return new ApiResponse(status, null);
  }

  ApiResponse header(String name, String value) {
    headers.put(name.toLowerCase(Locale.ROOT), value);
    return this;
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
