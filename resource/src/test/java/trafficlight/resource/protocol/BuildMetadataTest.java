package trafficlight.resource.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildMetadataTest {

  private static final Map<String, String> CLASSIC =
      Map.of(
          "ATC_EXTERNAL_URL", "https://ci.example.com",
          "BUILD_TEAM_NAME", "main",
          "BUILD_PIPELINE_NAME", "myapp",
          "BUILD_JOB_NAME", "deploy qa",
          "BUILD_NAME", "42",
          "BUILD_ID", "1234");

  @Test
  void buildUrlIsTakenFromConcourseWhenItSetsIt() {
    Map<String, String> env = new HashMap<>(CLASSIC);
    env.put("BUILD_URL", "https://ci.example.com/builds/1234");
    assertThat(new BuildMetadata(env).buildUrl()).isEqualTo("https://ci.example.com/builds/1234");
  }

  @Test
  void buildUrlIsBuiltFromTheOtherVariablesOtherwise() {
    assertThat(new BuildMetadata(CLASSIC).buildUrl())
        .isEqualTo("https://ci.example.com/teams/main/pipelines/myapp/jobs/deploy%20qa/builds/42");
  }

  @Test
  void instancedPipelinesCarryTheirVars() {
    Map<String, String> env = new HashMap<>(CLASSIC);
    env.put("BUILD_PIPELINE_INSTANCE_VARS", "{\"env\":\"qa\"}");
    assertThat(new BuildMetadata(env).buildUrl())
        .endsWith("/builds/42?vars=%7B%22env%22%3A%22qa%22%7D");
  }

  @Test
  void oneOffBuildsLinkByBuildId() {
    assertThat(
            new BuildMetadata(Map.of("ATC_EXTERNAL_URL", "https://ci", "BUILD_ID", "9")).buildUrl())
        .isEqualTo("https://ci/builds/9");
  }

  @Test
  void templateValuesHaveEveryNameAndEmptyForUnset() {
    Map<String, String> values = new BuildMetadata(Map.of("BUILD_NAME", "3")).templateValues();
    assertThat(values).containsOnlyKeys(BuildMetadata.NAMES);
    assertThat(values.get("BUILD_NAME")).isEqualTo("3");
    assertThat(values.get("BUILD_TEAM_NAME")).isEmpty();
  }
}
