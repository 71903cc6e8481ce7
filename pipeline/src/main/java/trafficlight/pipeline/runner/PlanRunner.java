package trafficlight.pipeline.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import trafficlight.concourse.ConcourseUrls;
import trafficlight.pipeline.runner.ResourceImplementation.StepFailedException;
import trafficlight.pipeline.runner.ResourceImplementation.StepResult;
import trafficlight.pipeline.runner.RunnerPipeline.Get;
import trafficlight.pipeline.runner.RunnerPipeline.JobDef;
import trafficlight.pipeline.runner.RunnerPipeline.Put;
import trafficlight.pipeline.runner.RunnerPipeline.ResourceDef;
import trafficlight.pipeline.runner.RunnerPipeline.Step;
import trafficlight.pipeline.runner.RunnerPipeline.Task;

/**
 * Runs a build: the job's plan step by step until one fails, then its {@code on_success}, in a
 * directory of the build's own that holds a directory per get. Resource steps run on the resource's
 * implementation with Concourse's BUILD_* environment; what a put makes becomes a version of its
 * resource, as in Concourse.
 *
 * @param implementations by resource name
 * @param workDir where each build gets its directory, {@code builds/<id>}
 */
record PlanRunner(
    ConcourseUrls urls,
    Map<String, ResourceDef> resources,
    Map<String, ResourceImplementation> implementations,
    ResourceVersions versions,
    RunnerListener listener,
    Path workDir) {

  /** Runs the build to its end: it is finished, succeeded or failed, whatever goes wrong. */
  void run(JobDef job, BuildRecord build) {
    boolean ok = false;
    try {
      listener.buildStarted(build.snapshot());
      ok = steps(job, build);
    } catch (IOException | RuntimeException e) {
      build.log("error: " + e);
    } finally {
      build.log(ok ? "succeeded" : "failed");
      build.finish(ok);
    }
    listener.buildFinished(build.snapshot());
  }

  private boolean steps(JobDef job, BuildRecord build) throws IOException {
    Path dir =
        Files.createDirectories(workDir.resolve("builds").resolve(Long.toString(build.id())));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BUILD_ID", Long.toString(build.id()));
    env.put("BUILD_NAME", Integer.toString(build.number()));
    env.put("BUILD_JOB_NAME", job.name());
    env.put("BUILD_PIPELINE_NAME", urls.pipeline().name());
    env.put("BUILD_TEAM_NAME", urls.team());
    env.put("ATC_EXTERNAL_URL", urls.base());
    env.put("BUILD_URL", build.url());
    env.put("BUILD_URL_SHORT", urls.shortBuild(build.id()));
    for (Step step : job.plan()) {
      if (!step(build, step, dir, env)) {
        return false;
      }
    }
    if (job.onSuccess() == null) {
      return true;
    }
    Map<String, String> hookEnv = new LinkedHashMap<>(env);
    hookEnv.put("BUILD_STATUS", "succeeded");
    return step(build, job.onSuccess(), dir, hookEnv);
  }

  /** Runs a step; false when it failed, which it has logged and told the listener. */
  private boolean step(BuildRecord build, Step step, Path dir, Map<String, String> env) {
    String kind = step.kind();
    build.log(kind + ": " + step.name());
    try {
      if (step instanceof Get get) {
        get(build, get, dir, env);
      } else if (step instanceof Put put) {
        put(build, put, dir, env);
      } else if (step instanceof Task task) {
        build.log(TaskProcess.run(task, dir));
        listener.stepFinished(build.snapshot(), kind, task.name(), null, Map.of());
      }
      return true;
    } catch (StepFailedException e) {
      build.log(e.log());
      build.log(e.getMessage());
      listener.stepFailed(build.snapshot(), kind, step.name(), e.getMessage());
      return false;
    } catch (RuntimeException e) {
      build.log(String.valueOf(e));
      listener.stepFailed(build.snapshot(), kind, step.name(), String.valueOf(e.getMessage()));
      return false;
    }
  }

  private void get(BuildRecord build, Get get, Path dir, Map<String, String> env) {
    Map<String, String> version = build.input(get.name());
    StepResult result =
        implementations
            .get(get.resource())
            .get(source(get.resource()), version, get.params(), dir.resolve(get.name()), env);
    build.log(result.log());
    listener.stepFinished(build.snapshot(), "get", get.name(), version, result.metadata());
  }

  /** The put, then its implicit get of the version it made into the put's own directory. */
  private void put(BuildRecord build, Put put, Path dir, Map<String, String> env) {
    ResourceImplementation impl = implementations.get(put.resource());
    StepResult result = impl.put(source(put.resource()), put.params(), dir, env);
    build.log(result.log());
    if (result.version() == null) {
      throw new StepFailedException("put " + put.name() + " answered no version", "");
    }
    build.output(put.resource(), result.version());
    versions.add(put.resource(), List.of(result.version()));
    listener.stepFinished(build.snapshot(), "put", put.name(), result.version(), result.metadata());
    if (!put.noGet()) {
      StepResult got =
          impl.get(
              source(put.resource()),
              result.version(),
              put.getParams(),
              dir.resolve(put.name()),
              env);
      build.log(got.log());
      listener.stepFinished(
          build.snapshot(), "implicit get", put.name(), got.version(), got.metadata());
    }
  }

  private Map<String, Object> source(String resource) {
    return resources.get(resource).source();
  }
}
