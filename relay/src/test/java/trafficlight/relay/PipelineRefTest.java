package trafficlight.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import trafficlight.gate.IssueFilter;

/** Instanced pipelines, addressed as Concourse's API reads them ({@code vars.KEY=JSON}). */
class PipelineRefTest {

  @Test
  void aPlainPipelineHasNoQuery() {
    PipelineRef ref = PipelineRef.parse("myapp");
    assertThat(ref.name()).isEqualTo("myapp");
    assertThat(ref.query()).isEmpty();
  }

  @Test
  void instanceVarsGoIntoTheQueryAsSortedJsonValues() {
    PipelineRef ref = PipelineRef.parse("myapp/version:1,branch:main,list:[1, \"2\"]");
    assertThat(ref.name()).isEqualTo("myapp");
    assertThat(ref.query())
        .isEqualTo("vars.branch=%22main%22&vars.list=%5B1%2C%222%22%5D&vars.version=1");
    assertThat(ref).hasToString("myapp/branch:\"main\",list:[1,\"2\"],version:1");
  }

  @Test
  void nestedValuesAreFlattenedIntoDottedKeysAndQuotedCommasStay() {
    PipelineRef ref = PipelineRef.parse("p/a:{b: 1, c: {d: x}},e:'f,g',\"h.i\":j");
    assertThat(ref.instanceVars())
        .containsExactly(
            java.util.Map.entry("\"h.i\"", "j"),
            java.util.Map.entry("a.b", 1),
            java.util.Map.entry("a.c.d", "x"),
            java.util.Map.entry("e", "f,g"));
  }

  @Test
  void theWebhookOfAnInstancedPipelineCarriesItsVars() {
    Route route =
        new Route(
            "main",
            PipelineRef.parse("myapp/branch:feature/x"),
            "qa-gate",
            "t",
            "o/r",
            new IssueFilter("closed", "", List.of(), List.of()));
    assertThat(route.webhook(java.net.URI.create("http://ci")).toString())
        .isEqualTo(
            "http://ci/api/v1/teams/main/pipelines/myapp/resources/qa-gate/check/webhook"
                + "?webhook_token=t&vars.branch=%22feature%2Fx%22");
  }

  @Test
  void badFormsAreRefusedSayingWhatToWrite() {
    assertThatThrownBy(() -> PipelineRef.parse("/a:b")).hasMessageContaining("has no name");
    assertThatThrownBy(() -> PipelineRef.parse("p/novalue"))
        .isInstanceOf(RelayConfigException.class)
        .hasMessageContaining("KEY:VALUE");
  }
}
