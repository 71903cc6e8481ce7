package trafficlight.concourse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
  void badFormsAreRefusedSayingWhatToWrite() {
    assertThatThrownBy(() -> PipelineRef.parse("/a:b")).hasMessageContaining("has no name");
    assertThatThrownBy(() -> PipelineRef.parse("p/novalue"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KEY:VALUE");
  }
}
