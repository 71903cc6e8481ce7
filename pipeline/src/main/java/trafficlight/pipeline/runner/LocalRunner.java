package trafficlight.pipeline.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import trafficlight.concourse.PipelineYaml;
import trafficlight.concourse.Vars;
import trafficlight.pipeline.runner.RunnerPipeline.Get;
import trafficlight.pipeline.runner.RunnerPipeline.JobDef;
import trafficlight.pipeline.runner.RunnerPipeline.ResourceDef;

/**
 * A stand-in for Concourse on one machine, to try a generated pipeline before setting it on a real
 * Concourse: not a CI engine. It runs the subset {@code trafficlight pipeline} emits — {@code get}
 * (with {@code trigger}, {@code passed} and {@code version: latest} or {@code every}), {@code task}
 * (a command run on this machine; the image is ignored), {@code put} with its implicit get, and a
 * job's {@code on_success} — one build at a time, invoking resource types the way Concourse does
 * (see {@link ResourceProcess}). It checks the resources jobs get on their {@code check_every}
 * (default 1m), and any resource at once on a webhook or {@link #checkNow}; it serves each build's
 * log at the {@code BUILD_URL} it gives the steps.
 *
 * <p>It wires the parts that do the work: {@link Vars} fills the pipeline's {@code ((vars))},
 * {@link Scheduler} decides which build starts, {@link PlanRunner} runs it, {@link RunnerServer}
 * serves the pages and the webhook. Its own thread checks what is due and runs the builds the
 * scheduler finds due, one after the other.
 *
 * <p>Not supported, and refused by name: other step types, nested steps, image resources, pinned
 * versions and {@code ((vars))} it was not given. Builds do not run concurrently, not even of
 * different jobs.
 */
public final class LocalRunner implements AutoCloseable {

  private final RunnerPipeline pipeline;
  private final Map<String, JobDef> jobs = new HashMap<>();
  private final Set<String> gotByJobs = new HashSet<>();
  private final Scheduler scheduler;
  private final ResourceVersions versions = new ResourceVersions();
  private final BuildHistory history = new BuildHistory();
  private final Map<String, ResourceImplementation> implementations = new HashMap<>();
  private final RunnerServer server;
  private final PlanRunner plans;
  private final RunnerListener listener;
  private final Duration tick;
  private final Duration defaultCheckEvery;

  /** Touched by the loop's thread only. */
  private final Map<String, Instant> lastChecked = new HashMap<>();

  private final Set<String> checkRequests = ConcurrentHashMap.newKeySet();
  private final Object wake = new Object();
  private volatile boolean running;
  private Thread loop;

  private LocalRunner(Builder b) {
    this.pipeline =
        RunnerPipeline.of(
            new Vars(b.vars, "to the runner with var(name, value)").interpolate(b.pipeline));
    for (JobDef job : pipeline.jobs()) {
      jobs.put(job.name(), job);
      job.plan().stream()
          .filter(Get.class::isInstance)
          .forEach(step -> gotByJobs.add(((Get) step).resource()));
    }
    this.scheduler = new Scheduler(pipeline.jobs());
    for (ResourceDef resource : pipeline.resources().values()) {
      implementations.put(resource.name(), implementation(resource, b));
    }
    this.listener = b.listener;
    this.tick = b.tick;
    this.defaultCheckEvery = b.defaultCheckEvery;
    this.server =
        new RunnerServer(b.port, b.pipelineName, pipeline.resources(), history, this::checkNow);
    this.plans =
        new PlanRunner(
            server.urls(), pipeline.resources(), implementations, versions, listener, b.workDir);
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

    /** How often the runner looks for due checks and builds. */
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
    return server.urls().base();
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

  // ---- the loop: checks, then the builds due, one at a time

  private void loop() {
    while (running) {
      try {
        checkDue();
        runDueBuilds();
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

  /**
   * Checks the resources asked for, and those some job gets whose {@code check_every} has passed:
   * as in Concourse, a resource only put gets its versions from the puts, unless asked.
   */
  private void checkDue() {
    for (ResourceDef resource : pipeline.resources().values()) {
      boolean asked = checkRequests.remove(resource.name());
      Instant last = lastChecked.get(resource.name());
      Duration every = resource.checkEvery() != null ? resource.checkEvery() : defaultCheckEvery;
      boolean due =
          gotByJobs.contains(resource.name())
              && !resource.neverChecked()
              && (last == null || !Instant.now().isBefore(last.plus(every)));
      if (asked || due) {
        check(resource);
      }
    }
  }

  private void check(ResourceDef resource) {
    List<Map<String, String>> found;
    try {
      found =
          implementations
              .get(resource.name())
              .check(resource.source(), versions.latest(resource.name()));
      if (found == null) {
        throw new IllegalStateException("the check answered no list of versions");
      }
    } catch (RuntimeException e) {
      listener.checkFailed(resource.name(), String.valueOf(e.getMessage()));
      return;
    } finally {
      lastChecked.put(resource.name(), Instant.now());
    }
    List<Map<String, String>> added = versions.add(resource.name(), found);
    if (!added.isEmpty()) {
      listener.versionsFound(resource.name(), added);
    }
  }

  /** Runs the first build the scheduler finds due, then asks again, until none is. */
  private void runDueBuilds() {
    while (running) {
      List<Scheduler.Start> due = scheduler.due(versions.snapshot(), history.snapshots());
      if (due.isEmpty()) {
        return;
      }
      Scheduler.Start next = due.get(0);
      plans.run(jobs.get(next.job()), history.start(next.job(), next.inputs(), server.urls()));
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
