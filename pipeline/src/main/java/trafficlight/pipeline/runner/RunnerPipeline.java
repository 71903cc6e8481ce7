package trafficlight.pipeline.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import trafficlight.concourse.PipelineYaml;

/**
 * The part of Concourse's pipeline schema the local runner executes: what {@code trafficlight
 * pipeline} generates. Anything else is refused by name rather than silently skipped.
 */
public record RunnerPipeline(
    Map<String, Map<String, Object>> resourceTypes,
    Map<String, ResourceDef> resources,
    List<JobDef> jobs) {

  /** A resource: its type, source and check options. */
  public record ResourceDef(
      String name,
      String type,
      Map<String, Object> source,
      Duration checkEvery,
      boolean neverChecked,
      String webhookToken) {}

  /** A job: its plan and its {@code on_success} hook. */
  public record JobDef(String name, List<Step> plan, Step onSuccess) {}

  /** A step of a plan. */
  public sealed interface Step permits Get, Task, Put {
    String name();

    /** get, task or put. */
    default String kind() {
      return this instanceof Get ? "get" : this instanceof Put ? "put" : "task";
    }
  }

  /**
   * {@code get}: {@code name} is the directory (and what the build's inputs are keyed by), {@code
   * resource} what is fetched; {@code every} for {@code version: every}, else the latest version.
   */
  public record Get(
      String name,
      String resource,
      boolean trigger,
      List<String> passed,
      boolean every,
      Map<String, Object> params)
      implements Step {}

  /** {@code task}: a command from {@code config} or from a {@code file} among the inputs. */
  public record Task(
      String name, Map<String, Object> config, String file, Map<String, Object> params)
      implements Step {}

  /** {@code put}, followed by its implicit get unless {@code no_get}. */
  public record Put(
      String name,
      String resource,
      Map<String, Object> params,
      Map<String, Object> getParams,
      boolean noGet)
      implements Step {}

  private static final Set<String> PIPELINE_KEYS = Set.of("resource_types", "resources", "jobs");
  private static final Set<String> TYPE_KEYS = Set.of("name", "type", "source", "check_every");
  private static final Set<String> RESOURCE_KEYS =
      Set.of("name", "type", "source", "check_every", "webhook_token", "icon", "public", "tags");
  private static final Set<String> JOB_KEYS =
      Set.of("name", "plan", "on_success", "serial", "public", "build_logs_to_retain");
  private static final Set<String> GET_KEYS =
      Set.of("get", "resource", "trigger", "passed", "version", "params");
  private static final Set<String> PUT_KEYS =
      Set.of("put", "resource", "params", "get_params", "no_get", "inputs");
  private static final Set<String> TASK_KEYS =
      Set.of("task", "config", "file", "params", "privileged");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  /**
   * Reads a pipeline (as {@link PipelineYaml#read} gives it).
   *
   * @throws IllegalArgumentException naming the first thing the runner does not support
   */
  public static RunnerPipeline of(Map<String, Object> pipeline) {
    only(pipeline, PIPELINE_KEYS, "the pipeline");
    Map<String, Map<String, Object>> types = new LinkedHashMap<>();
    for (Map<String, Object> type : maps(pipeline.get("resource_types"))) {
      only(type, TYPE_KEYS, "resource_types." + type.get("name"));
      types.put(String.valueOf(type.get("name")), type);
    }
    Map<String, ResourceDef> resources = new LinkedHashMap<>();
    for (Map<String, Object> resource : maps(pipeline.get("resources"))) {
      String name = String.valueOf(resource.get("name"));
      only(resource, RESOURCE_KEYS, "resources." + name);
      Object every = resource.get("check_every");
      resources.put(
          name,
          new ResourceDef(
              name,
              String.valueOf(resource.get("type")),
              map(resource.get("source")),
              every == null || "never".equals(every) ? null : duration(String.valueOf(every)),
              "never".equals(every),
              resource.get("webhook_token") == null
                  ? null
                  : String.valueOf(resource.get("webhook_token"))));
    }
    List<JobDef> jobs = new ArrayList<>();
    for (Map<String, Object> job : maps(pipeline.get("jobs"))) {
      String name = String.valueOf(job.get("name"));
      only(job, JOB_KEYS, "jobs." + name);
      List<Step> plan = new ArrayList<>();
      for (Map<String, Object> step : maps(job.get("plan"))) {
        plan.add(step(step, "jobs." + name));
      }
      Step onSuccess =
          job.get("on_success") == null ? null : step(map(job.get("on_success")), "jobs." + name);
      jobs.add(new JobDef(name, List.copyOf(plan), onSuccess));
    }
    return new RunnerPipeline(types, resources, List.copyOf(jobs));
  }

  private static Step step(Map<String, Object> step, String where) {
    if (step.containsKey("get")) {
      only(step, GET_KEYS, where + ".get");
      String name = String.valueOf(step.get("get"));
      return new Get(
          name,
          String.valueOf(step.getOrDefault("resource", name)),
          Boolean.TRUE.equals(step.get("trigger")),
          step.get("passed") == null
              ? List.of()
              : ((List<?>) step.get("passed")).stream().map(String::valueOf).toList(),
          every(step.get("version"), where + ".get " + name),
          map(step.get("params")));
    } else if (step.containsKey("put")) {
      only(step, PUT_KEYS, where + ".put");
      String name = String.valueOf(step.get("put"));
      return new Put(
          name,
          String.valueOf(step.getOrDefault("resource", name)),
          map(step.get("params")),
          map(step.get("get_params")),
          Boolean.TRUE.equals(step.get("no_get")));
    } else if (step.containsKey("task")) {
      only(step, TASK_KEYS, where + ".task");
      return new Task(
          String.valueOf(step.get("task")),
          step.get("config") == null ? null : map(step.get("config")),
          step.get("file") == null ? null : String.valueOf(step.get("file")),
          map(step.get("params")));
    }
    throw new IllegalArgumentException(
        where
            + ": the local runner runs get, put and task steps, not "
            + step.keySet()
            + " (it runs what trafficlight pipeline generates; use Concourse for the rest)");
  }

  /** Whether a get's {@code version} is {@code every}; {@code latest} (the default) is not. */
  private static boolean every(Object version, String where) {
    if (version == null || "latest".equals(version)) {
      return false;
    } else if ("every".equals(version)) {
      return true;
    }
    throw new IllegalArgumentException(
        where
            + ": the local runner takes version: latest or every, not a pinned version "
            + version
            + " (it runs what trafficlight pipeline generates; use Concourse for the rest)");
  }

  /** A Go duration as Concourse writes them: 15m, 1h30m, 500ms. */
  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      double amount = Double.parseDouble(m.group(1));
      long nanos =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      total = total.plusNanos((long) (amount * nanos));
      end = m.end();
    }
    if (end == 0 || end != text.length()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    return total;
  }

  private static void only(Map<String, Object> map, Set<String> supported, String where) {
    for (String key : map.keySet()) {
      if (!supported.contains(key)) {
        throw new IllegalArgumentException(
            where
                + ": the local runner does not support \""
                + key
                + "\" (it runs what trafficlight pipeline generates; use Concourse for the rest)");
      }
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Object value) {
    if (value == null) {
      return List.of();
    }
    return ((List<Object>) value).stream().map(RunnerPipeline::map).toList();
  }
}
