package trafficlight.concourse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ((vars))} as the runner fills them: static values, given by name. */
class VarsTest {

  static final Vars VARS =
      new Vars(
          Map.of(
              "gh_host", "http://127.0.0.1:8080",
              "github.token", "s3cret",
              "\"github.com\".key", "quoted",
              "vault:token", "from-vault",
              "tricky", "$1 \\ ((gh_host))"),
          "to the runner with var(name, value)");

  /**
   * Each text and what it becomes: a whole value; vars within text, spaced or not; quoted and
   * sourced names, looked up as written; a value taken literally, never filled again; parentheses
   * that are no var.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          ((github.token))                          | s3cret
          token ((github.token)) at ((gh_host))/api | token s3cret at http://127.0.0.1:8080/api
          (( github.token ))                        | s3cret
          ((\"github.com\".key))                    | quoted
          ((vault:token))                           | from-vault
          x ((tricky)) y                            | x $1 \\ ((gh_host)) y
          sh -c '(echo ((gh_host)))' (a) ((b)c)     | sh -c '(echo http://127.0.0.1:8080)' (a) ((b)c)
          """)
  void textIsFilled(String text, String filled) {
    assertThat(VARS.interpolate(text)).isEqualTo(filled);
  }

  /** A pipeline with a var as a whole value, one in a list, one as a key (never filled). */
  static final String PIPELINE =
      """
      resources:
      - name: gates
        type: issues
        check_every: 1h
        source:
          gh_host: %s
          labels: [a, %s]
          "((gh_host))": key
          count: 3
          flag: true
          none: null
      """;

  static String pipeline(String host, String token) {
    return String.format(Locale.ROOT, PIPELINE, host, token);
  }

  @Test
  void varsAreFilledThroughNestedMappingsAndListsAndNothingElseChanges() {
    Map<String, Object> pipeline =
        PipelineYaml.read(pipeline("((gh_host))", "\"((github.token))\""));
    Map<String, Object> filled = VARS.interpolate(pipeline);
    assertThat(filled).isEqualTo(PipelineYaml.read(pipeline("http://127.0.0.1:8080", "s3cret")));
    assertThat(pipeline.toString()).contains("gh_host=((gh_host))");
  }

  @Test
  void aVarWithoutValueIsNamedWithWhereItStands() {
    Map<String, Object> pipeline =
        PipelineYaml.read(
            """
            resources:
            - {name: r, type: git, source: {uri: ((nope)), branch: ((nope))}}
            """);
    assertThatThrownBy(() -> VARS.interpolate(pipeline))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "((nope)) has no value (at resources[0].source.uri): give it to the runner with"
                + " var(name, value)");
  }

  @Test
  void everyVarWithoutValueIsNamedAtOnce() {
    assertThatThrownBy(() -> VARS.interpolate(Map.of("a", "((one))", "b", List.of("((two))"))))
        .hasMessageContaining("((one))")
        .hasMessageContaining("((two))")
        .hasMessageContaining("have no value")
        .hasMessageContaining("b[0]");
  }

  @Test
  void aVarsFileGivesNestedValuesUnderDottedNames() {
    Map<String, String> flat =
        Vars.flatten(
            PipelineYaml.read(
                """
                github: {token: t0k3n, host: {url: "http://h"}}
                count: 3
                list: [a, b]
                none: null
                """));
    assertThat(flat)
        .containsExactly(
            Map.entry("github.token", "t0k3n"),
            Map.entry("github.host.url", "http://h"),
            Map.entry("count", "3"));
    assertThat(new Vars(flat, "with -l").interpolate("((github.token))@((count))"))
        .isEqualTo("t0k3n@3");
  }
}
