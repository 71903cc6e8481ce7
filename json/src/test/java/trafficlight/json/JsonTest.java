package trafficlight.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import trafficlight.json.Json.Layout;
import trafficlight.json.Json.Nulls;

class JsonTest {

  @Test
  void objectsKeepTheTextsKeyOrderAndArraysTheirElements() throws IOException {
    Object value = Json.parse("{\"z\":1,\"a\":[true,false,null,\"x\"],\"m\":{}}");

    assertThat(value).isInstanceOf(LinkedHashMap.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) value;
    assertThat(object.keySet()).containsExactly("z", "a", "m");
    assertThat(object.get("a")).isInstanceOf(ArrayList.class);
    assertThat((List<Object>) object.get("a")).containsExactly(true, false, null, "x");
    assertThat(object.get("m")).isEqualTo(Map.of());
  }

  @Test
  void wholeNumbersAreIntegersLongsOrBigIntegersBySizeAndOthersDoubles() throws IOException {
    List<?> numbers =
        (List<?>) Json.parse("[1, -2147483648, 2147483648, 9223372036854775808, 1.5, 2e3, -0.0]");

    assertThat(numbers.get(0)).isEqualTo(1);
    assertThat(numbers.get(1)).isEqualTo(Integer.MIN_VALUE);
    assertThat(numbers.get(2)).isEqualTo(2147483648L);
    assertThat(numbers.get(3)).isEqualTo(new BigInteger("9223372036854775808"));
    assertThat(numbers.get(4)).isEqualTo(1.5);
    assertThat(numbers.get(5)).isEqualTo(2000.0);
    assertThat(numbers.get(6)).isEqualTo(-0.0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":1,}",
        "[1,]",
        "{\"a\":1} {}",
        "{a:1}",
        "{'a':1}",
        "// c\n{}",
        "[1] x",
        "",
        "{",
        "[NaN]",
        "\"\\x\""
      })
  void refusesAnythingButStrictJson(String text) {
    assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(IOException.class);
  }

  @Test
  void refusesNestingDeeperThanALimitInsteadOfOverflowingTheStack() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);

    assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(IOException.class);
  }

  @Test
  void parseObjectRefusesOtherValues() throws IOException {
    assertThat(Json.parseObject("{\"a\":\"b\"}")).containsEntry("a", "b");
    assertThatThrownBy(() -> Json.parseObject("[1]"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("expected a JSON object");
    assertThatThrownBy(() -> Json.parseObject("null")).isInstanceOf(IOException.class);
  }

  @Test
  void writesOneLineLeavingOutNullMembersButNotNullElements() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", "QA");
    value.put("gone", null);
    value.put("list", Arrays.asList(1, null, 2.5, 3L, new BigInteger("123456789012345678901234")));
    value.put("ok", true);
    value.put("state", Thread.State.NEW);

    assertThat(Json.write(value))
        .isEqualTo(
            "{\"name\":\"QA\",\"list\":[1,null,2.5,3,123456789012345678901234],\"ok\":true,"
                + "\"state\":\"NEW\"}");
    assertThat(Json.write(value, Layout.COMPACT, Nulls.WRITE)).contains("\"gone\":null");
  }

  @Test
  void indentedLayoutPutsOneMemberOnALine() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("a", List.of(1, 2));
    value.put("b", null);

    assertThat(Json.write(value, Layout.INDENTED, Nulls.WRITE))
        .isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": null\n}");
  }

  @Test
  void escapesWhatJsonMustAndReadsItBackTheSame() throws IOException {
    String tricky = "quote \" backslash \\ tab \t newline \n control \u0001 ü 🚦 --> </script>";

    String text = Json.write(List.of(tricky));

    assertThat(text).doesNotContain("\n").doesNotContain("\t").contains("ü").contains("🚦");
    assertThat(Json.parse(text)).isEqualTo(List.of(tricky));
  }

  @Test
  void refusesToGuessHowToWriteOtherTypes() {
    assertThatThrownBy(() -> Json.write(List.of(new Object())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object");
  }
}
