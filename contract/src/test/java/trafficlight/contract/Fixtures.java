package trafficlight.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Realistic GitHub JSON (src/test/resources/github) and exchange builders for tests. */
final class Fixtures {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Map<String, List<String>> JSON_RESPONSE =
      Map.of("Content-Type", List.of("application/json; charset=utf-8"));
  static final Map<String, List<String>> GITHUB_REQUEST =
      Map.of(
          "Accept", List.of("application/vnd.github+json"),
          "Authorization", List.of("Bearer ghp_xxx"),
          "X-GitHub-Api-Version", List.of("2022-11-28"));
  static final Map<String, List<String>> GITHUB_JSON_REQUEST =
      Map.of(
          "Accept", List.of("application/vnd.github+json"),
          "Authorization", List.of("Bearer ghp_xxx"),
          "Content-Type", List.of("application/json; charset=utf-8"));

  private Fixtures() {}

  static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/github/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String name) {
    try {
      return MAPPER.readTree(text(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture with a change applied to its (first element if an array) object. */
  static String mutated(String name, Consumer<ObjectNode> change) {
    JsonNode node = json(name);
    change.accept((ObjectNode) (node.isArray() ? node.get(0) : node));
    return node.toString();
  }

  static Exchange get(String path, String query, int status, String body) {
    return new Exchange("GET", path, query, GITHUB_REQUEST, null, status, JSON_RESPONSE, body);
  }

  static Exchange send(
      String method, String path, String requestBody, int status, String responseBody) {
    return new Exchange(
        method, path, null, GITHUB_JSON_REQUEST, requestBody, status, JSON_RESPONSE, responseBody);
  }
}
