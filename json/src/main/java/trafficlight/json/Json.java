package trafficlight.json;

import com.google.gson.FormattingStyle;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text and plain Java values: objects are {@link LinkedHashMap}s in the text's key order,
 * arrays {@link ArrayList}s, whole numbers {@link Integer}, {@link Long} or {@link BigInteger} by
 * size, other numbers {@link Double}. Strict JSON only (RFC 8259: no comments, no trailing commas,
 * one value per text).
 *
 * <p>Built on Gson's streaming reader and writer, which never touch {@link java.math.BigDecimal}:
 * on JDK 25 its class initialiser computes 5^65536, about 15 ms of CPU that a resource step would
 * pay for every JSON parser of jackson-core.
 */
public final class Json {

  /** How {@link #write(Object, Layout, Nulls)} lays out its text. */
  public enum Layout {
    /** One line, no spaces. */
    COMPACT,
    /** Indented by two spaces, one member or element per line, for files people read. */
    INDENTED
  }

  /** What becomes of an object's member whose value is null. */
  public enum Nulls {
    /** Left out, as if absent. */
    OMIT,
    /** Written as {@code null}, so a reader finds every key. */
    WRITE
  }

  private static final int MAX_DEPTH = 255;

  private Json() {}

  /** The value of a JSON text. */
  public static Object parse(String text) throws IOException {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    reader.setNestingLimit(MAX_DEPTH);
    Object value = read(reader);
    if (reader.peek() != JsonToken.END_DOCUMENT) {
      throw new IOException("more than one JSON value, at " + reader.getPath());
    }
    return value;
  }

  /** The object of a JSON text; anything but an object is an error. */
  public static Map<String, Object> parseObject(String text) throws IOException {
    Object value = parse(text);
    if (!(value instanceof Map<?, ?>)) {
      throw new IOException(
          "expected a JSON object, got " + (value == null ? "null" : "another value"));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) value;
    return object;
  }

  /** One line of JSON; members whose value is null are left out. */
  public static String write(Object value) {
    return write(value, Layout.COMPACT, Nulls.OMIT);
  }

  /**
   * The JSON text of a plain value: a {@link Map} (its keys as strings), an {@link Iterable} or
   * array, a {@link CharSequence}, {@link Number}, {@link Boolean}, {@link Enum} (its name) or
   * null.
   *
   * @throws IllegalArgumentException for any other type, naming it
   */
  public static String write(Object value, Layout layout, Nulls nulls) {
    StringWriter text = new StringWriter();
    try (JsonWriter writer = new JsonWriter(text)) {
      writer.setStrictness(Strictness.STRICT);
      writer.setSerializeNulls(nulls == Nulls.WRITE);
      if (layout == Layout.INDENTED) {
        writer.setFormattingStyle(FormattingStyle.PRETTY);
      }
      write(writer, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  private static Object read(JsonReader reader) throws IOException {
    return switch (reader.peek()) {
      case BEGIN_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          object.put(name, read(reader));
        }
        reader.endObject();
        yield object;
      }
      case BEGIN_ARRAY -> {
        List<Object> array = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(read(reader));
        }
        reader.endArray();
        yield array;
      }
      case STRING -> reader.nextString();
      case NUMBER -> number(reader.nextString());
      case BOOLEAN -> reader.nextBoolean();
      case NULL -> {
        reader.nextNull();
        yield null;
      }
      default -> throw new IOException("unexpected " + reader.peek() + " at " + reader.getPath());
    };
  }

  private static Number number(String literal) {
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c == '.' || c == 'e' || c == 'E') {
        return Double.valueOf(literal);
      }
    }
    BigInteger whole = new BigInteger(literal);
    if (whole.bitLength() < Integer.SIZE) {
      return whole.intValue();
    }
    return whole.bitLength() < Long.SIZE ? Long.valueOf(whole.longValue()) : whole;
  }

  private static void write(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof CharSequence text) {
      writer.value(text.toString());
    } else if (value instanceof Boolean bool) {
      writer.value(bool.booleanValue());
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      writer.value(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      writer.value(((Number) value).doubleValue());
    } else if (value instanceof Number number) {
      writer.value(number);
    } else if (value instanceof Enum<?> constant) {
      writer.value(constant.name());
    } else if (value instanceof Map<?, ?> map) {
      writer.beginObject();
      for (Map.Entry<?, ?> member : map.entrySet()) {
        writer.name(String.valueOf(member.getKey()));
        write(writer, member.getValue());
      }
      writer.endObject();
    } else if (value instanceof Iterable<?> items) {
      writer.beginArray();
      for (Object item : items) {
        write(writer, item);
      }
      writer.endArray();
    } else if (value instanceof Object[] items) {
      write(writer, Arrays.asList(items));
    } else {
      throw new IllegalArgumentException(
          "cannot write a "
              + value.getClass().getName()
              + " as JSON: give a map, list or plain value");
    }
  }
}
