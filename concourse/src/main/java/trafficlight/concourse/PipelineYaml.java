package trafficlight.concourse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Map;

/** Writes and reads Concourse pipeline YAML with Jackson's YAML mapper. */
public final class PipelineYaml {

  private static final YAMLMapper MAPPER =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
          .build();

  private PipelineYaml() {}

  /** The pipeline as YAML text. */
  public static String write(Map<String, Object> pipeline) {
    try {
      return MAPPER.writeValueAsString(pipeline);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the pipeline as YAML: " + e.getMessage(), e);
    }
  }

  /** A pipeline's YAML as maps, lists and scalars. */
  public static Map<String, Object> read(String yaml) {
    try {
      Map<String, Object> pipeline = MAPPER.readValue(yaml, new TypeReference<>() {});
      if (pipeline == null) {
        throw new IllegalArgumentException("the pipeline is empty");
      }
      return pipeline;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a pipeline: " + e.getOriginalMessage(), e);
    }
  }
}
