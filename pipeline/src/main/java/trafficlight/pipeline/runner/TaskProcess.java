package trafficlight.pipeline.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import trafficlight.concourse.PipelineYaml;
import trafficlight.pipeline.runner.ResourceImplementation.StepFailedException;

/**
 * Runs a task's command on this machine, in the build's directory (where each get left its
 * directory), with the task's params as its environment; the image is ignored.
 */
final class TaskProcess {

  private static final long TIMEOUT_MINUTES = 10;

  private TaskProcess() {}

  static String run(RunnerPipeline.Task task, Path buildDir) {
    Map<String, Object> config = task.config();
    if (config == null) {
      Path file = buildDir.resolve(task.file()).normalize();
      if (!file.startsWith(buildDir) || !Files.isRegularFile(file)) {
        throw new StepFailedException(
            "task " + task.name() + ": no file " + task.file() + " among the build's inputs", "");
      }
      try {
        config = PipelineYaml.read(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Map<String, Object> run = RunnerPipeline.map(config.get("run"));
    if (run.get("path") == null) {
      throw new StepFailedException("task " + task.name() + ": its config has no run.path", "");
    }
    List<String> argv = new ArrayList<>();
    argv.add(String.valueOf(run.get("path")));
    if (run.get("args") instanceof List<?> args) {
      args.forEach(a -> argv.add(String.valueOf(a)));
    }
    Map<String, Object> params = new LinkedHashMap<>(RunnerPipeline.map(config.get("params")));
    params.putAll(task.params());
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    Path dir = run.get("dir") == null ? buildDir : buildDir.resolve(String.valueOf(run.get("dir")));
    builder.directory(dir.toFile());
    params.forEach((k, v) -> builder.environment().put(k, v == null ? "" : String.valueOf(v)));
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new StepFailedException("task " + task.name() + " timed out", output);
      }
      if (process.exitValue() != 0) {
        throw new StepFailedException(
            "task " + task.name() + " failed (exit " + process.exitValue() + ")", output);
      }
      return output;
    } catch (IOException e) {
      throw new StepFailedException("task " + task.name() + ": " + e.getMessage(), "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailedException("task " + task.name() + " interrupted", "");
    }
  }
}
