package trafficlight.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import trafficlight.pipeline.ChainError;
import trafficlight.pipeline.ChainException;
import trafficlight.pipeline.Pipelines;

/** {@code trafficlight pipeline chain.yml [-o out.yml]}: the Concourse pipeline of a chain file. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description =
        "Generate the Concourse pipeline of a promotion chain (see docs/PIPELINES.md): per stage a"
            + " deploy job, its gate issue and the trigger of the next stage.")
public final class PipelineCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "CHAIN", description = "The chain file (YAML).")
  Path chain;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the pipeline here (whole or not at all) instead of to stdout.")
  Path output;

  @Override
  public Integer call() {
    try {
      if (output == null) {
        System.out.print(Pipelines.generate(chain));
        System.out.flush();
      } else {
        Pipelines.generate(chain, output);
        System.err.println(
            "wrote " + output + "; set it with: fly -t TARGET set-pipeline -p NAME -c " + output);
      }
      return 0;
    } catch (ChainException e) {
      for (ChainError error : e.errors()) {
        System.err.println(error);
      }
      System.err.println(
          e.errors().size()
              + (e.errors().size() == 1 ? " mistake" : " mistakes")
              + "; nothing written");
      return 1;
    } catch (NoSuchFileException e) {
      System.err.println(chain + ": no such file");
      return 1;
    } catch (IOException e) {
      System.err.println(chain + ": " + e.getMessage());
      return 1;
    }
  }
}
