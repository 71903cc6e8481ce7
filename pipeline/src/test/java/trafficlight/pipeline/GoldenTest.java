package trafficlight.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;
import trafficlight.concourse.PipelineYaml;

/**
 * Each example chain's pipeline equals its golden file ({@code -Dgolden.update=true} rewrites
 * them), reads back as what was generated (with Jackson and with SnakeYAML), and passes the checks
 * of {@code fly validate-pipeline}.
 */
class GoldenTest {

  static final Path CHAINS = Path.of("src/test/resources/chains");

  @ParameterizedTest
  @ValueSource(strings = {"two-stage", "three-stage", "four-stage", "mitodl-pulumi", "relayed"})
  void matchesTheGoldenFile(String name) throws Exception {
    String yaml = Pipelines.generate(CHAINS.resolve(name + ".yml"));
    Path golden = CHAINS.resolve(name + ".pipeline.yml");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, yaml, StandardCharsets.UTF_8);
    }
    assertThat(yaml).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"two-stage", "three-stage", "four-stage", "mitodl-pulumi", "relayed"})
  void roundTripsAndValidates(String name) throws Exception {
    Chain chain = ChainReader.read(CHAINS.resolve(name + ".yml"));
    Map<String, Object> generated = PipelineGenerator.generate(chain);
    String yaml = PipelineGenerator.yaml(chain, name + ".yml");

    assertThat(normalize(PipelineYaml.read(yaml))).isEqualTo(normalize(generated));
    Object independent = new Yaml().load(yaml);
    assertThat(normalize(independent)).isEqualTo(normalize(generated));
    assertThat(PipelineValidator.validate(PipelineYaml.read(yaml))).isEmpty();
  }

  /** Numbers compared by value (Integer and Long alike); lists and maps by content. */
  static Object normalize(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
      return copy;
    } else if (value instanceof List<?> list) {
      return list.stream().map(GoldenTest::normalize).toList();
    } else if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros();
    }
    return value;
  }
}
