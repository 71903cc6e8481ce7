package trafficlight.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The JSON of a delivery's body, in either content type a GitHub webhook can be set to: {@code
 * application/json}, or {@code application/x-www-form-urlencoded} with the JSON in the form field
 * {@code payload}.
 */
final class DeliveryPayload {

  /** GitHub's payloads nest a few levels; a deeper body is an attack on the parser's stack. */
  static final int MAX_DEPTH = 64;

  private static final ObjectMapper JSON =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private DeliveryPayload() {}

  static JsonNode read(String contentType, byte[] body) throws BadDelivery {
    String type =
        contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    String json =
        switch (type) {
          case "application/json" -> new String(body, StandardCharsets.UTF_8);
          case "application/x-www-form-urlencoded" -> formPayload(body);
          default ->
              throw new BadDelivery(
                  415,
                  "unsupported_media_type",
                  "Content-Type "
                      + (type.isEmpty() ? "missing" : type)
                      + ": set the webhook's content type to application/json (or"
                      + " application/x-www-form-urlencoded)");
        };
    JsonNode payload;
    try {
      payload = JSON.readTree(json);
    } catch (StreamConstraintsException e) {
      throw new BadDelivery(
          400,
          "malformed",
          "the payload nests deeper than " + MAX_DEPTH + " levels: GitHub's never do");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new BadDelivery(
          400,
          "malformed",
          "the payload is not JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
              + ": send it as GitHub does");
    }
    if (payload == null || !payload.isObject()) {
      throw new BadDelivery(400, "malformed", "the payload is not a JSON object");
    }
    return payload;
  }

  private static String formPayload(byte[] body) throws BadDelivery {
    String form = new String(body, StandardCharsets.US_ASCII);
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("payload")) {
        try {
          return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new BadDelivery(400, "malformed", "the form field payload is not URL-encoded");
        }
      }
    }
    throw new BadDelivery(400, "malformed", "the form has no field payload");
  }
}
