package trafficlight.pipeline.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import trafficlight.pipeline.PipelineYaml;
import trafficlight.pipeline.runner.ResourceImplementation.StepFailedException;
import trafficlight.pipeline.runner.ResourceImplementation.StepResult;
import trafficlight.pipeline.runner.RunnerPipeline.Get;
import trafficlight.pipeline.runner.RunnerPipeline.JobDef;
import trafficlight.pipeline.runner.RunnerPipeline.Put;
import trafficlight.pipeline.runner.RunnerPipeline.ResourceDef;
import trafficlight.pipeline.runner.RunnerPipeline.Step;
import trafficlight.pipeline.runner.RunnerPipeline.Task;

/**
 * A stand-in for Concourse on one machine, to try a generated pipeline before setting it on a real
 * Concourse: not a CI engine. It runs the subset {@code trafficlight pipeline} emits — {@code get}
 * (with {@code trigger}, {@code passed} and {@code version: latest} or {@code every}), {@code task}
 * (a command run on this machine; the image is ignored), {@code put} with its implicit get, and a
 * job's {@code on_success} — one build at a time, which builds start decided by {@link Scheduler},
 * invoking resource types the way Concourse does (see {@link ResourceProcess}). It checks the
 * resources jobs get on their {@code check_every} (default 1m) or at once on a webhook, and serves
 * each build's log at the {@code BUILD_URL} it gives the steps.
 *
 * <p>Not supported, and refused by name: other step types, nested steps, image resources, pinned
 * versions and {@code ((vars))} it was not given. Builds do not run concurrently, not even of
 * different jobs.
 */
public final class LocalRunner implements AutoCloseable {

  private final String pipelineName;
  private final RunnerPipeline pipeline;
  private final Map<String, JobDef> jobs = new HashMap<>();
  private final Scheduler scheduler;
  private final Map<String, ResourceImplementation> implementations = new HashMap<>();
  private final Path workDir;
  private final RunnerListener listener;
  private final Duration tick;
  private final Duration defaultCheckEvery;
  private final BuildHistory history = new BuildHistory();
  private final RunnerServer server;
  private final RunnerUrls urls;

  // state: guarded by this
  private final Map<String, List<Map<String, String>>> versions = new HashMap<>();
  private final Map<String, Instant> lastChecked = new HashMap<>();
  private final Set<String> checkRequests = ConcurrentHashMap.newKeySet();
  private final Object wake = new Object();
  private volatile boolean running;
  private Thread loop;

  private LocalRunner(Builder b) {
    this.pipelineName = b.pipelineName;
    this.pipeline = RunnerPipeline.of(new Vars(b.vars).interpolate(b.pipeline));
    pipeline.jobs().forEach(job -> jobs.put(job.name(), job));
    this.scheduler = new Scheduler(pipeline.jobs());
    this.workDir = b.workDir;
    this.listener = b.listener;
    this.tick = b.tick;
    this.defaultCheckEvery = b.defaultCheckEvery;
    for (ResourceDef resource : pipeline.resources().values()) {
      implementations.put(resource.name(), implementation(resource, b));
    }
    server = new RunnerServer(b.port, pipelineName, pipeline.resources(), history, this::checkNow);
    urls = server.urls();
  }

  /**
   * A runner for a pipeline's YAML.
   *
   * @param pipelineName BUILD_PIPELINE_NAME
   */
  public static Builder builder(String pipelineName, String pipelineYaml) {
    return new Builder(pipelineName, PipelineYaml.read(pipelineYaml));
  }

  /** Configures a {@link LocalRunner}. */
  public static final class Builder {
    private final String pipelineName;
    private final Map<String, Object> pipeline;
    private final Map<String, ResourceImplementation> images = new HashMap<>();
    private final Map<String, ResourceImplementation> types = new HashMap<>();
    private final Map<String, String> vars = new HashMap<>();
    private Path workDir;
    private RunnerListener listener = new RunnerListener() {};
    private Duration tick = Duration.ofMillis(200);
    private Duration defaultCheckEvery = Duration.ofMinutes(1);
    private int port;

    private Builder(String pipelineName, Map<String, Object> pipeline) {
      this.pipelineName = pipelineName;
      this.pipeline = pipeline;
    }

    /** Resource types declared with this image ({@code source.repository}) run on {@code impl}. */
    public Builder image(String repository, ResourceImplementation impl) {
      images.put(repository, impl);
      return this;
    }

    /** The resource type of this name runs on {@code impl} (e.g. a demo's own type). */
    public Builder resourceType(String name, ResourceImplementation impl) {
      types.put(name, impl);
      return this;
    }

    /** A value for {@code ((name))} in the pipeline, as {@code fly set-pipeline -v} gives. */
    public Builder var(String name, String value) {
      vars.put(name, value);
      return this;
    }

    /** Where builds keep their directories (default: a new temporary directory). */
    public Builder workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    public Builder listener(RunnerListener listener) {
      this.listener = listener;
      return this;
    }

    /** How often the scheduler looks for due checks and pending builds. */
    public Builder tick(Duration tick) {
      this.tick = tick;
      return this;
    }

    /** {@code check_every} of resources that give none (Concourse: 1m). */
    public Builder defaultCheckEvery(Duration every) {
      this.defaultCheckEvery = every;
      return this;
    }

    /** The port of the build pages and webhooks (default: any free one). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public LocalRunner build() {
      if (workDir == null) {
        try {
          workDir = Files.createTempDirectory("trafficlight-runner");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return new LocalRunner(this);
    }
  }

  /** Serves build pages and webhooks and starts checking and building. */
  public void start() {
    server.start();
    running = true;
    loop = new Thread(this::loop, "local-runner");
    loop.setDaemon(true);
    loop.start();
  }

  /** Where the runner serves build pages: ATC_EXTERNAL_URL of the builds. */
  public String url() {
    return urls.base();
  }

  /** The webhook that makes the runner check a resource now, as Concourse's does. */
  public String webhookUrl(String resource, String token) {
    return urls.webhook(resource, token);
  }

  /**
   * Checks the resource at the next tick, whatever its interval (as {@code fly check-resource}).
   */
  public void checkNow(String resource) {
    if (!pipeline.resources().containsKey(resource)) {
      throw new IllegalArgumentException("no resource " + resource);
    }
    checkRequests.add(resource);
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  /** Every build so far, oldest first. */
  public List<Build> builds() {
    return history.snapshots();
  }

  /** Waits until a build of {@code job} numbered {@code number} has finished. */
  public Build awaitBuild(String job, int number, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Build build : builds()) {
        if (build.job().equals(job)
            && build.number() == number
            && build.status() != Build.Status.STARTED) {
          return build;
        }
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    throw new IllegalStateException(
        "no build " + job + " #" + number + " finished within " + timeout.toSeconds() + "s");
  }

  @Override
  public void close() {
    running = false;
    synchronized (wake) {
      wake.notifyAll();
    }
    if (loop != null) {
      try {
        loop.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    server.close();
  }

  // ---- checks and the scheduler

  private void loop() {
    while (running) {
      try {
        checkDue();
        while (running && buildPending()) {
          // one build at a time, until nothing is pending
        }
      } catch (RuntimeException e) {
        listener.checkFailed("(runner)", String.valueOf(e.getMessage()));
      }
      synchronized (wake) {
        if (running && checkRequests.isEmpty()) {
          try {
            wake.wait(tick.toMillis());
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }
  }

  /** Concourse checks the resources some job gets; put-only resources get versions from puts. */
  private void checkDue() {
    Set<String> inputs = new LinkedHashSet<>();
    for (JobDef job : pipeline.jobs()) {
      job.plan().stream()
          .filter(s -> s instanceof Get)
          .forEach(s -> inputs.add(((Get) s).resource()));
    }
    for (String name : inputs) {
      ResourceDef resource = pipeline.resources().get(name);
      boolean requested = checkRequests.remove(name);
      Instant last;
      synchronized (this) {
        last = lastChecked.get(name);
      }
      Duration every = resource.checkEvery() != null ? resource.checkEvery() : defaultCheckEvery;
      boolean due =
          !resource.neverChecked() && (last == null || !Instant.now().isBefore(last.plus(every)));
      if (requested || due) {
        check(resource);
      }
    }
  }

  private void check(ResourceDef resource) {
    Map<String, String> latest;
    synchronized (this) {
      List<Map<String, String>> known = versions.getOrDefault(resource.name(), List.of());
      latest = known.isEmpty() ? null : known.get(known.size() - 1);
    }
    List<Map<String, String>> found;
    try {
      found = implementations.get(resource.name()).check(resource.source(), latest);
    } catch (RuntimeException e) {
      listener.checkFailed(resource.name(), String.valueOf(e.getMessage()));
      synchronized (this) {
        lastChecked.put(resource.name(), Instant.now());
      }
      return;
    }
    List<Map<String, String>> added = new ArrayList<>();
    synchronized (this) {
      lastChecked.put(resource.name(), Instant.now());
      List<Map<String, String>> known =
          versions.computeIfAbsent(resource.name(), n -> new ArrayList<>());
      for (Map<String, String> version : found) {
        if (!known.contains(version)) {
          known.add(version);
          added.add(version);
        }
      }
    }
    if (!added.isEmpty()) {
      listener.versionsFound(resource.name(), added);
    }
  }

  /** Runs the first build the scheduler finds due; false when none is. */
  private boolean buildPending() {
    List<Scheduler.Start> due;
    synchronized (this) {
      Map<String, List<Map<String, String>>> known = new HashMap<>();
      versions.forEach((resource, list) -> known.put(resource, List.copyOf(list)));
      due = scheduler.due(known, builds());
    }
    if (due.isEmpty()) {
      return false;
    }
    Scheduler.Start next = due.get(0);
    run(jobs.get(next.job()), next.inputs());
    return true;
  }

  // ---- builds

  private void run(JobDef job, Map<String, Map<String, String>> inputs) {
    BuildRecord build = history.start(job.name(), inputs, urls);
    listener.buildStarted(build.snapshot());
    Path dir = workDir.resolve("builds").resolve(Long.toString(build.id()));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BUILD_ID", Long.toString(build.id()));
    env.put("BUILD_NAME", Integer.toString(build.number()));
    env.put("BUILD_JOB_NAME", job.name());
    env.put("BUILD_PIPELINE_NAME", pipelineName);
    env.put("BUILD_TEAM_NAME", RunnerUrls.TEAM);
    env.put("ATC_EXTERNAL_URL", urls.base());
    env.put("BUILD_URL", build.url());
    env.put("BUILD_URL_SHORT", urls.shortBuild(build.id()));
    boolean ok = true;
    try {
      Files.createDirectories(dir);
      for (Step step : job.plan()) {
        if (!(ok = step(build, step, dir, env))) {
          break;
        }
      }
      if (ok && job.onSuccess() != null) {
        Map<String, String> hookEnv = new LinkedHashMap<>(env);
        hookEnv.put("BUILD_STATUS", "succeeded");
        ok = step(build, job.onSuccess(), dir, hookEnv);
      }
    } catch (IOException e) {
      build.log("error: " + e.getMessage());
      ok = false;
    }
    build.finish(ok);
    build.log(ok ? "succeeded" : "failed");
    listener.buildFinished(build.snapshot());
  }

  private boolean step(BuildRecord build, Step step, Path dir, Map<String, String> env) {
    String kind = step.kind();
    build.log(kind + ": " + step.name());
    try {
      if (step instanceof Get get) {
        ResourceDef resource = pipeline.resources().get(get.resource());
        Map<String, String> version = build.input(get.name());
        StepResult result =
            implementations
                .get(get.resource())
                .get(resource.source(), version, get.params(), dir.resolve(get.name()), env);
        build.log(result.log());
        listener.stepFinished(build.snapshot(), kind, get.name(), version, result.metadata());
      } else if (step instanceof Put put) {
        ResourceDef resource = pipeline.resources().get(put.resource());
        ResourceImplementation impl = implementations.get(put.resource());
        StepResult result = impl.put(resource.source(), put.params(), dir, env);
        build.log(result.log());
        build.output(put.resource(), result.version());
        synchronized (this) {
          List<Map<String, String>> known =
              versions.computeIfAbsent(put.resource(), n -> new ArrayList<>());
          if (!known.contains(result.version())) {
            known.add(result.version());
          }
        }
        listener.stepFinished(
            build.snapshot(), kind, put.name(), result.version(), result.metadata());
        if (!put.noGet()) {
          StepResult got =
              impl.get(
                  resource.source(),
                  result.version(),
                  put.getParams(),
                  dir.resolve(put.name()),
                  env);
          build.log(got.log());
          listener.stepFinished(
              build.snapshot(), "implicit get", put.name(), got.version(), got.metadata());
        }
      } else if (step instanceof Task task) {
        String output = TaskProcess.run(task, dir);
        build.log(output);
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

  // ---- resource types

  private ResourceImplementation implementation(ResourceDef resource, Builder b) {
    ResourceImplementation byName = b.types.get(resource.type());
    if (byName != null) {
      return byName;
    }
    Map<String, Object> type = pipeline.resourceTypes().get(resource.type());
    Object repository =
        type == null ? null : RunnerPipeline.map(type.get("source")).get("repository");
    ResourceImplementation byImage =
        repository == null ? null : b.images.get(String.valueOf(repository));
    if (byImage == null) {
      throw new IllegalArgumentException(
          "resource "
              + resource.name()
              + ": the local runner has no implementation of type "
              + resource.type()
              + (repository == null ? "" : " (image " + repository + ")")
              + "; it runs "
              + b.images.keySet()
              + " and "
              + b.types.keySet());
    }
    return byImage;
  }
}
