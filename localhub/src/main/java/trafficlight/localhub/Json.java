package trafficlight.localhub;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The hub's one ObjectMapper, GitHub's timestamp format, and the fields of GitHub's many shapes.
 */
final class Json {
  static final ObjectMapper MAPPER = createMapper();

  private Json() {}

  private static ObjectMapper createMapper() {
    SimpleModule instants = new SimpleModule("instants");
    instants.addSerializer(
        Instant.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(value.toString());
          }
        });
    instants.addDeserializer(
        Instant.class,
        new JsonDeserializer<>() {
          @Override
          public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Instant.parse(p.getValueAsString());
          }
        });
    return new ObjectMapper()
        .registerModule(instants)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Puts a {@code name_url} field for each URL template under {@code base}: "followers" gives
   * {@code followers_url} = base/followers, "following{/other_user}" gives {@code following_url}.
   */
  static void putUrls(ObjectNode n, String base, String... templates) {
    for (String template : templates) {
      int brace = template.indexOf('{');
      String name = brace < 0 ? template : template.substring(0, brace);
      n.put(name + "_url", base + "/" + template);
    }
  }

  /** Puts 0 in each of the counts localhub has nothing to count for. */
  static void putZeros(ObjectNode n, String... counts) {
    for (String count : counts) {
      n.put(count, 0);
    }
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  /** GitHub's timestamp format: {@code YYYY-MM-DDTHH:MM:SSZ}. */
  static String timestamp(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
