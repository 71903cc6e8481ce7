package trafficlight.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The path parameters GitHubContract lets take several segments are exactly those that GitHub's
 * descriptions mark {@code x-multi-segment} among the used operations, and each of them ends its
 * template (the only place the matching supports).
 */
class MultiSegmentParametersTest {

  @Test
  void theListMatchesBothDescriptions() throws IOException {
    for (Path file :
        new Path[] {
          NpmPackages.apiGitHubComDescription(), NpmPackages.newestEnterpriseServerDescription()
        }) {
      JsonNode full = new ObjectMapper().readTree(file.toFile());
      Set<String> marked = new TreeSet<>();
      for (UsedOperations.Operation op : UsedOperations.ALL) {
        JsonNode operation =
            full.path("paths").path(op.pathTemplate()).path(op.method().toLowerCase(Locale.ROOT));
        for (JsonNode parameter : operation.path("parameters")) {
          JsonNode p = parameter;
          if (parameter.has("$ref")) {
            String name = parameter.get("$ref").asText().replace("#/components/parameters/", "");
            p = full.path("components").path("parameters").path(name);
          }
          if (p.path("x-multi-segment").asBoolean(false)) {
            String template = "{" + p.path("name").asText() + "}";
            if (!op.pathTemplate().endsWith(template)) {
              // mid-path, as commits/{commit_sha}/pulls: the project sends a SHA there, which has
              // no slash, so the parameter is one segment
              assertThat(template).as(op.toString()).isEqualTo("{commit_sha}");
              continue;
            }
            marked.add(template);
            assertThat(op.pathTemplate()).as(file.getFileName().toString()).endsWith(template);
          }
        }
      }
      assertThat(marked).as(file.getFileName().toString()).isEqualTo(GitHubContract.MULTI_SEGMENT);
    }
  }

  @Test
  void aMultiSegmentRefMatchesItsTemplateAndNothingElseDoes() {
    assertThat(
            GitHubContract.matches(
                "/repos/{owner}/{repo}/commits/{ref}", "/repos/o/r/commits/heads/main"))
        .isTrue();
    assertThat(
            GitHubContract.matches(
                "/repos/{owner}/{repo}/compare/{basehead}", "/repos/o/r/compare/a/b...main"))
        .isTrue();
    assertThat(
            GitHubContract.matches(
                "/repos/{owner}/{repo}/issues/{issue_number}", "/repos/o/r/issues/1/2"))
        .isFalse();
  }
}
