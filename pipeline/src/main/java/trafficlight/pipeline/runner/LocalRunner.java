package trafficlight.pipeline.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private static final String TEAM = "main";

  private final String pipelineName;
  private final RunnerPipeline pipeline;
  private final Map<String, JobDef> jobs = new HashMap<>();
  private final Scheduler scheduler;
  private final Map<String, ResourceImplementation> implementations = new HashMap<>();
  private final Path workDir;
  private final RunnerListener listener;
  private final Duration tick;
  private final Duration defaultCheckEvery;
  private final HttpServer server;
  private final String url;

  // state: guarded by this
  private final Map<String, List<Map<String, String>>> versions = new HashMap<>();
  private final Map<String, Instant> lastChecked = new HashMap<>();
  private final List<BuildState> builds = new ArrayList<>();
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
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", b.port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::serve);
    url = "http://127.0.0.1:" + server.getAddress().getPort();
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
    return url;
  }

  /** The webhook that makes the runner check a resource now, as Concourse's does. */
  public String webhookUrl(String resource, String token) {
    return url
        + "/api/v1/teams/"
        + TEAM
        + "/pipelines/"
        + pipelineName
        + "/resources/"
        + resource
        + "/check/webhook?webhook_token="
        + token;
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
  public synchronized List<Build> builds() {
    return builds.stream().map(BuildState::snapshot).toList();
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
    server.stop(0);
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
    BuildState build;
    synchronized (this) {
      int number = (int) builds.stream().filter(b -> b.job.equals(job.name())).count() + 1;
      build = new BuildState(builds.size() + 1, job.name(), number, inputs);
      builds.add(build);
    }
    listener.buildStarted(build.snapshot());
    Path dir = workDir.resolve("builds").resolve(Long.toString(build.id));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BUILD_ID", Long.toString(build.id));
    env.put("BUILD_NAME", Integer.toString(build.number));
    env.put("BUILD_JOB_NAME", job.name());
    env.put("BUILD_PIPELINE_NAME", pipelineName);
    env.put("BUILD_TEAM_NAME", TEAM);
    env.put("ATC_EXTERNAL_URL", url);
    env.put("BUILD_URL", build.url());
    env.put("BUILD_URL_SHORT", url + "/builds/" + build.id);
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
    synchronized (this) {
      build.status = ok ? Build.Status.SUCCEEDED : Build.Status.FAILED;
    }
    build.log(ok ? "succeeded" : "failed");
    listener.buildFinished(build.snapshot());
  }

  private boolean step(BuildState build, Step step, Path dir, Map<String, String> env) {
    String kind = step.kind();
    build.log(kind + ": " + step.name());
    try {
      if (step instanceof Get get) {
        ResourceDef resource = pipeline.resources().get(get.resource());
        Map<String, String> version = build.inputs.get(get.name());
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
        synchronized (this) {
          build.outputs.put(put.resource(), result.version());
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

  private final class BuildState {
    final long id;
    final String job;
    final int number;
    final Map<String, Map<String, String>> inputs;
    final Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
    final StringBuilder log = new StringBuilder();
    Build.Status status = Build.Status.STARTED;

    BuildState(long id, String job, int number, Map<String, Map<String, String>> inputs) {
      this.id = id;
      this.job = job;
      this.number = number;
      this.inputs = inputs;
    }

    String url() {
      return url
          + "/teams/"
          + TEAM
          + "/pipelines/"
          + pipelineName
          + "/jobs/"
          + job
          + "/builds/"
          + number;
    }

    void log(String text) {
      if (text == null || text.isEmpty()) {
        return;
      }
      synchronized (log) {
        log.append(text.endsWith("\n") ? text : text + "\n");
      }
    }

    String logText() {
      synchronized (log) {
        return log.toString();
      }
    }

    Build snapshot() {
      synchronized (LocalRunner.this) {
        return new Build(id, job, number, Map.copyOf(inputs), Map.copyOf(outputs), status, url());
      }
    }
  }

  // ---- build pages and webhooks

  private static final Pattern BUILD_PAGE =
      Pattern.compile("/teams/[^/]+/pipelines/[^/]+/jobs/([^/]+)/builds/(\\d+)");
  private static final Pattern SHORT_PAGE = Pattern.compile("/builds/(\\d+)");
  private static final Pattern WEBHOOK =
      Pattern.compile("/api/v1/teams/[^/]+/pipelines/[^/]+/resources/([^/]+)/check/webhook");

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Matcher m;
      if ("POST".equals(exchange.getRequestMethod()) && (m = WEBHOOK.matcher(path)).matches()) {
        ResourceDef resource = pipeline.resources().get(m.group(1));
        String token = query(exchange, "webhook_token");
        if (resource == null) {
          respond(exchange, 404, "no resource " + m.group(1) + "\n");
        } else if (resource.webhookToken() == null || !resource.webhookToken().equals(token)) {
          respond(exchange, 401, "wrong webhook_token\n");
        } else {
          checkNow(resource.name());
          respond(exchange, 201, "checking " + resource.name() + "\n");
        }
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "method not allowed\n");
        return;
      }
      if ((m = BUILD_PAGE.matcher(path)).matches()) {
        page(exchange, find(m.group(1), Integer.parseInt(m.group(2))));
      } else if ((m = SHORT_PAGE.matcher(path)).matches()) {
        long id = Long.parseLong(m.group(1));
        page(exchange, find(b -> b.id == id));
      } else if (path.equals("/")) {
        StringBuilder text =
            new StringBuilder(
                "trafficlight's local runner: a stand-in for Concourse on one machine\npipeline "
                    + pipelineName
                    + "\n\n");
        for (Build build : builds()) {
          text.append(build.job())
              .append(" #")
              .append(build.number())
              .append(' ')
              .append(build.status().name().toLowerCase())
              .append("  ")
              .append(build.url())
              .append('\n');
        }
        respond(exchange, 200, text.toString());
      } else {
        respond(exchange, 404, "not found\n");
      }
    }
  }

  private synchronized BuildState find(String job, int number) {
    return find(b -> b.job.equals(job) && b.number == number);
  }

  private synchronized BuildState find(java.util.function.Predicate<BuildState> which) {
    return builds.stream().filter(which).findFirst().orElse(null);
  }

  private void page(HttpExchange exchange, BuildState build) throws IOException {
    if (build == null) {
      respond(exchange, 404, "no such build\n");
      return;
    }
    Build snapshot = build.snapshot();
    respond(
        exchange,
        200,
        snapshot.job()
            + " #"
            + snapshot.number()
            + " ("
            + snapshot.status().name().toLowerCase()
            + ")\n\n"
            + build.logText());
  }

  private static String query(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
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
