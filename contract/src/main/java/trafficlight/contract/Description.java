package trafficlight.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * GitHub's description trimmed to the {@link UsedOperations} and the components they reference
 * (transitively, {@code $ref}s kept intact). Also remembers every operation of the full
 * description, to tell "not in the description" from "not used by the project".
 */
final class Description {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  final String name;
  final Path file;
  final String version;
  final String trimmedJson;

  /** "GET /path/{template}" of every operation in the full description. */
  final Set<String> allOperations;

  /** The used operations the description describes. */
  final Set<UsedOperations.Operation> described;

  /** The used operations the description lacks. */
  final Set<UsedOperations.Operation> undescribed;

  /** Components kept, as "schemas/issue" etc. */
  final Set<String> keptComponents;

  private Description(
      String name,
      Path file,
      String version,
      String trimmedJson,
      Set<String> allOperations,
      Set<UsedOperations.Operation> described,
      Set<UsedOperations.Operation> undescribed,
      Set<String> keptComponents) {
    this.name = name;
    this.file = file;
    this.version = version;
    this.trimmedJson = trimmedJson;
    this.allOperations = allOperations;
    this.described = described;
    this.undescribed = undescribed;
    this.keptComponents = keptComponents;
  }

  static Description load(Path file) {
    JsonNode full;
    try {
      full = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String fileName = file.getFileName().toString();
    String name = fileName.substring(0, fileName.length() - ".json".length());
    String version = full.path("info").path("version").asText("?");

    Set<String> allOperations = new TreeSet<>();
    full.path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> {
                          if (HTTP_METHODS.contains(m)) {
                            allOperations.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey());
                          }
                        }));

    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode out = f.objectNode();
    out.put("openapi", full.path("openapi").asText());
    out.set("info", full.path("info").deepCopy());
    // Paths are matched as given (the enterprise /api/v3 prefix is stripped before validation).
    out.set("servers", f.arrayNode().add(f.objectNode().put("url", "/")));
    ObjectNode paths = out.putObject("paths");

    Set<UsedOperations.Operation> described = new LinkedHashSet<>();
    Set<UsedOperations.Operation> undescribed = new LinkedHashSet<>();
    Deque<JsonNode> toScan = new ArrayDeque<>();
    for (UsedOperations.Operation op : UsedOperations.ALL) {
      JsonNode pathItem = full.path("paths").path(op.pathTemplate());
      JsonNode operation = pathItem.path(op.method().toLowerCase(Locale.ROOT));
      if (!operation.isObject()) {
        undescribed.add(op);
        continue;
      }
      described.add(op);
      ObjectNode outItem = (ObjectNode) paths.get(op.pathTemplate());
      if (outItem == null) {
        outItem = paths.putObject(op.pathTemplate());
        if (pathItem.has("parameters")) {
          outItem.set("parameters", clean(pathItem.get("parameters")));
          toScan.add(outItem.get("parameters"));
        }
      }
      JsonNode cleaned = clean(operation);
      outItem.set(op.method().toLowerCase(Locale.ROOT), cleaned);
      toScan.add(cleaned);
    }

    // Transitive closure of #/components/<kind>/<name> references.
    ObjectNode components = f.objectNode();
    Set<String> kept = new TreeSet<>();
    JsonNode fullComponents = full.path("components");
    while (!toScan.isEmpty()) {
      JsonNode node = toScan.pop();
      if (node.isObject()) {
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isTextual()) {
          String r = ref.asText();
          if (!r.startsWith("#/components/")) {
            throw new IllegalStateException("unsupported $ref " + r + " in " + file);
          }
          String[] parts = r.substring("#/components/".length()).split("/", 2);
          String key = parts[0] + "/" + parts[1];
          if (kept.add(key)) {
            JsonNode target = fullComponents.path(parts[0]).path(unescape(parts[1]));
            if (target.isMissingNode()) {
              throw new IllegalStateException("dangling $ref " + r + " in " + file);
            }
            JsonNode cleaned = clean(target);
            ObjectNode kind =
                components.has(parts[0])
                    ? (ObjectNode) components.get(parts[0])
                    : components.putObject(parts[0]);
            kind.set(unescape(parts[1]), cleaned);
            toScan.add(cleaned);
          }
        }
        node.elements().forEachRemaining(toScan::add);
      } else if (node.isArray()) {
        node.elements().forEachRemaining(toScan::add);
      }
    }
    out.set("components", components);
    String json;
    try {
      json = MAPPER.writeValueAsString(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Description(name, file, version, json, allOperations, described, undescribed, kept);
  }

  /** Keys whose value is a map from names (data, not keywords) to objects. */
  private static final Set<String> NAME_MAPS =
      Set.of("properties", "headers", "content", "responses", "encoding", "mapping");

  private static JsonNode clean(JsonNode node) {
    return clean(node, false);
  }

  /**
   * A deep copy without what validation does not use: {@code example(s)}, {@code
   * additionalProperties} beside a non-object {@code type}, a {@code discriminator} the validator
   * cannot compile, and the {@code x-} extensions (GitHub's {@code x-github-breaking-changes} holds
   * schema patches that would otherwise be read as schema keywords). Keys of name maps (e.g. a
   * property called "example") are kept.
   */
  private static JsonNode clean(JsonNode node, boolean keysAreNames) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      boolean scalarType =
          node.path("type").isTextual()
              && !node.path("type").asText().equals("object")
              && !keysAreNames;
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String k = e.getKey();
        if (!keysAreNames && (k.startsWith("x-") || k.equals("examples") || k.equals("example"))) {
          continue;
        }
        // additionalProperties means nothing beside a non-object type, but the validator reads it
        // as "type: object" (e.g. hook-delivery's response.payload, a nullable string).
        if (scalarType && k.equals("additionalProperties")) {
          continue;
        }
        // The validator refuses a discriminator whose property the schema does not require (GET
        // /user's private-user | public-user on user_view_type) and then checks nothing; without
        // it the oneOf still decides, since only one branch takes a given body.
        if (k.equals("discriminator") && !requires(node, e.getValue().path("propertyName"))) {
          continue;
        }
        copy.set(k, clean(e.getValue(), !keysAreNames && NAME_MAPS.contains(k)));
      }
      if (!keysAreNames) {
        letNullMatchEmptyObject(copy);
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.elements().forEachRemaining(n -> copy.add(clean(n, false)));
      return copy;
    }
    return node.deepCopy();
  }

  private static boolean requires(JsonNode schema, JsonNode property) {
    for (JsonNode required : schema.path("required")) {
      if (required.asText().equals(property.asText())) {
        return true;
      }
    }
    return false;
  }

  private static final String EMPTY_OBJECT = "#/components/schemas/empty-object";

  /**
   * {@code nullable: true} beside {@code oneOf} (a commit's {@code author}: a user, {@code {}} or
   * null) is lost on the validator: it checks null against each branch, and none takes it. Making
   * the empty-object branch itself nullable says the same and lets null match exactly one branch.
   */
  private static void letNullMatchEmptyObject(ObjectNode schema) {
    if (!schema.path("nullable").asBoolean(false) || !schema.path("oneOf").isArray()) {
      return;
    }
    ArrayNode branches = (ArrayNode) schema.get("oneOf");
    for (int i = 0; i < branches.size(); i++) {
      if (EMPTY_OBJECT.equals(branches.get(i).path("$ref").asText())) {
        ObjectNode nullableEmpty = JsonNodeFactory.instance.objectNode();
        nullableEmpty.put("type", "object");
        nullableEmpty.put("nullable", true);
        nullableEmpty.putObject("properties");
        nullableEmpty.put("additionalProperties", false);
        branches.set(i, nullableEmpty);
      }
    }
  }

  private static String unescape(String pointerToken) {
    return pointerToken.replace("~1", "/").replace("~0", "~");
  }
}
