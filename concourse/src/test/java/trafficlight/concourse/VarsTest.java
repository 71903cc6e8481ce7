package trafficlight.concourse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

  @Test
  void aWholeValueAndAVarWithinTextAreFilled() {
    assertThat(VARS.interpolate("((github.token))")).isEqualTo("s3cret");
    assertThat(VARS.interpolate("token ((github.token)) at ((gh_host))/api"))
        .isEqualTo("token s3cret at http://127.0.0.1:8080/api");
    assertThat(VARS.interpolate("(( github.token ))")).isEqualTo("s3cret");
  }

  @Test
  void quotedAndSourcedNamesAreLookedUpAsWritten() {
    assertThat(VARS.interpolate("((\"github.com\".key))")).isEqualTo("quoted");
    assertThat(VARS.interpolate("((vault:token))")).isEqualTo("from-vault");
  }

  @Test
  void varsAreFilledThroughNestedMappingsAndListsAndNothingElseChanges() {
    Map<String, Object> pipeline =
        PipelineYaml.read(
            """
            resources:
            - name: gates
              type: issues
              check_every: 1h
              source:
                gh_host: ((gh_host))
                labels: [a, "((github.token))"]
                "((gh_host))": key
                count: 3
                flag: true
                none: null
            """);
    Map<String, Object> filled = VARS.interpolate(pipeline);
    assertThat(filled)
        .isEqualTo(
            PipelineYaml.read(
                """
                resources:
                - name: gates
                  type: issues
                  check_every: 1h
                  source:
                    gh_host: http://127.0.0.1:8080
                    labels: [a, s3cret]
                    "((gh_host))": key
                    count: 3
                    flag: true
                    none: null
                """));
    assertThat(pipeline.toString()).contains("gh_host=((gh_host))");
  }

  @Test
  void aValueIsTakenLiterallyAndNotFilledAgain() {
    assertThat(VARS.interpolate("x ((tricky)) y")).isEqualTo("x $1 \\ ((gh_host)) y");
  }

  @Test
  void parenthesesThatAreNoVarStayAsTheyAre() {
    assertThat(VARS.interpolate("sh -c '(echo ((gh_host)))' (a) ((b)c)"))
        .isEqualTo("sh -c '(echo http://127.0.0.1:8080)' (a) ((b)c)");
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
