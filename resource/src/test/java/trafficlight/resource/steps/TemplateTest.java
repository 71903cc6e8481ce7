package trafficlight.resource.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trafficlight.resource.protocol.BuildMetadata;
import trafficlight.resource.protocol.ResourceException;

class TemplateTest {

  private static String render(String template, Map<String, String> values) {
    return Template.parse("issue_title_template", template, BuildMetadata.NAMES).render(values);
  }

  @Test
  void replacesPlaceholdersLikePythonFormat() {
    assertThat(
            render(
                "[bot] Pipeline {BUILD_PIPELINE_NAME} task {BUILD_JOB_NAME} completed",
                Map.of("BUILD_PIPELINE_NAME", "myapp", "BUILD_JOB_NAME", "deploy-qa")))
        .isEqualTo("[bot] Pipeline myapp task deploy-qa completed");
  }

  @Test
  void doubledBracesAreLiteral() {
    assertThat(render("{{literal}} {BUILD_NAME} }}", Map.of("BUILD_NAME", "7")))
        .isEqualTo("{literal} 7 }");
  }

  @Test
  void unknownPlaceholderNamesItAndListsTheValidOnes() {
    assertThatThrownBy(() -> render("deploy {BUILD_NUMBER}", Map.of()))
        .isInstanceOf(ResourceException.class)
        .hasMessageContaining("{BUILD_NUMBER}")
        .hasMessageContaining("{BUILD_NAME}")
        .hasMessageContaining("{ATC_EXTERNAL_URL}");
  }

  @Test
  void unbalancedBracesAreErrors() {
    assertThatThrownBy(() -> render("deploy {BUILD_NAME", Map.of()))
        .hasMessageContaining("unclosed '{'");
    assertThatThrownBy(() -> render("deploy } done", Map.of())).hasMessageContaining("single '}'");
    assertThatThrownBy(() -> render("{ {BUILD_NAME}", Map.of()))
        .hasMessageContaining("unclosed '{' at position 0");
  }

  @Test
  void everyBuildVariableIsAValidPlaceholder() {
    for (String name : BuildMetadata.NAMES) {
      assertThat(
              Template.parse("t", "{" + name + "}", List.copyOf(BuildMetadata.NAMES))
                  .render(Map.of(name, "x")))
          .isEqualTo("x");
    }
  }
}
