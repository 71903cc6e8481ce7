package trafficlight.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The generator end to end: chain file in, checked pipeline YAML out. */
public final class Pipelines {

  private Pipelines() {}

  /**
   * The pipeline of a chain file, checked as {@code fly validate-pipeline} would.
   *
   * @throws ChainException every mistake in the chain file, or in the pipeline it makes
   */
  public static String generate(Path chainFile) throws IOException, ChainException {
    Chain chain = ChainReader.read(chainFile);
    List<String> problems = PipelineValidator.validate(PipelineGenerator.generate(chain));
    if (!problems.isEmpty()) {
      throw new ChainException(
          problems.stream()
              .map(
                  problem ->
                      new ChainError(
                          chainFile.toString(),
                          0,
                          "the pipeline would be invalid: " + problem,
                          "declare what it names under resources: or resource_types:"))
              .toList());
    }
    return PipelineGenerator.yaml(chain, chainFile.getFileName().toString());
  }

  /**
   * Writes the pipeline of a chain file to {@code out}, whole or not at all: a mistake leaves an
   * existing {@code out} as it was.
   */
  public static void generate(Path chainFile, Path out) throws IOException, ChainException {
    String yaml = generate(chainFile);
    Path absolute = out.toAbsolutePath();
    Path temporary =
        Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
    try {
      Files.writeString(temporary, yaml, StandardCharsets.UTF_8);
      try {
        Files.move(
            temporary,
            absolute,
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
