package trafficlight.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The structural checks {@code fly validate-pipeline} makes, in Java: names are unique, every
 * resource's type is declared (or is one of Concourse's core types), every get and put names a
 * declared resource, every {@code passed} names a job that gets or puts that resource, every task
 * has a file or a config.
 */
public final class PipelineValidator {

  /** The resource types a Concourse installation ships with. */
  public static final Set<String> CORE_TYPES =
      Set.of(
          "bosh-io-release",
          "bosh-io-stemcell",
          "cf",
          "docker-image",
          "git",
          "github-release",
          "hg",
          "mock",
          "pool",
          "registry-image",
          "s3",
          "semver",
          "time",
          "tracker");

  private static final List<String> HOOKS =
      List.of("on_success", "on_failure", "on_abort", "on_error", "ensure");

  private final List<String> problems = new ArrayList<>();

  private PipelineValidator() {}

  /** Every problem found; empty when the pipeline is valid. */
  public static List<String> validate(Map<String, Object> pipeline) {
    PipelineValidator validator = new PipelineValidator();
    validator.check(pipeline);
    return validator.problems;
  }

  private void check(Map<String, Object> pipeline) {
    Set<String> types = new HashSet<>(CORE_TYPES);
    Set<String> declaredTypes = new HashSet<>();
    for (Map<String, Object> type : list(pipeline, "resource_types")) {
      String name = unique(type, "resource_types", declaredTypes);
      types.add(name);
      if (type.get("type") == null) {
        problems.add("resource_types." + name + ": has no type");
      }
    }
    Set<String> resources = new HashSet<>();
    for (Map<String, Object> resource : list(pipeline, "resources")) {
      String name = unique(resource, "resources", resources);
      Object type = resource.get("type");
      if (type == null) {
        problems.add("resources." + name + ": has no type");
      } else if (!types.contains(String.valueOf(type))) {
        problems.add("resources." + name + ": unknown resource type " + type);
      }
    }
    List<Map<String, Object>> jobs = list(pipeline, "jobs");
    Map<String, Set<String>> touched = new HashMap<>();
    Set<String> jobNames = new HashSet<>();
    for (Map<String, Object> job : jobs) {
      String name = unique(job, "jobs", jobNames);
      Set<String> uses = new LinkedHashSet<>();
      steps(job).forEach(step -> resourceOf(step, uses));
      touched.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(uses);
    }
    for (Map<String, Object> job : jobs) {
      String name = String.valueOf(job.get("name"));
      if (!(job.get("plan") instanceof List<?>)) {
        problems.add("jobs." + name + ": has no plan");
      }
      for (Map<String, Object> step : steps(job)) {
        checkStep(name, step, resources, touched);
      }
    }
  }

  private void checkStep(
      String job,
      Map<String, Object> step,
      Set<String> resources,
      Map<String, Set<String>> touched) {
    String where = "jobs." + job;
    if (step.containsKey("get") || step.containsKey("put")) {
      String kind = step.containsKey("get") ? "get" : "put";
      Object resource = step.getOrDefault("resource", step.get(kind));
      if (!resources.contains(String.valueOf(resource))) {
        problems.add(where + "." + kind + "(" + step.get(kind) + "): unknown resource " + resource);
      }
      if (step.get("passed") instanceof List<?> passed) {
        for (Object other : passed) {
          Set<String> uses = touched.get(String.valueOf(other));
          if (uses == null) {
            problems.add(where + ".get(" + step.get("get") + ").passed: unknown job " + other);
          } else if (!uses.contains(String.valueOf(resource))) {
            problems.add(
                where
                    + ".get("
                    + step.get("get")
                    + ").passed: job "
                    + other
                    + " does not interact with resource "
                    + resource);
          }
        }
      }
    } else if (step.containsKey("task")) {
      if (!step.containsKey("file") && !step.containsKey("config")) {
        problems.add(where + ".task(" + step.get("task") + "): has neither file nor config");
      }
    }
  }

  /** Every step of a job, nested ones and hooks included. */
  private static List<Map<String, Object>> steps(Map<String, Object> job) {
    List<Map<String, Object>> steps = new ArrayList<>();
    collect(job.get("plan"), steps);
    for (String hook : HOOKS) {
      collect(job.get(hook), steps);
    }
    return steps;
  }

  @SuppressWarnings("unchecked")
  private static void collect(Object node, List<Map<String, Object>> steps) {
    if (node instanceof List<?> list) {
      list.forEach(item -> collect(item, steps));
    } else if (node instanceof Map<?, ?> map) {
      Map<String, Object> step = (Map<String, Object>) map;
      if (step.containsKey("get") || step.containsKey("put") || step.containsKey("task")) {
        steps.add(step);
      }
      for (String nested : List.of("do", "in_parallel", "aggregate", "try")) {
        Object inner = step.get(nested);
        collect(
            inner instanceof Map<?, ?> m && m.containsKey("steps") ? m.get("steps") : inner, steps);
      }
      for (String hook : HOOKS) {
        collect(step.get(hook), steps);
      }
    }
  }

  private static void resourceOf(Map<String, Object> step, Set<String> uses) {
    for (String kind : List.of("get", "put")) {
      if (step.containsKey(kind)) {
        uses.add(String.valueOf(step.getOrDefault("resource", step.get(kind))));
      }
    }
  }

  private String unique(Map<String, Object> item, String section, Set<String> seen) {
    Object name = item.get("name");
    if (name == null) {
      problems.add(section + ": an entry has no name");
      return null;
    }
    if (!seen.add(String.valueOf(name))) {
      problems.add(section + ": " + name + " is declared twice");
    }
    return String.valueOf(name);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> list(Map<String, Object> pipeline, String key) {
    Object value = pipeline.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> items)) {
      problems.add(key + ": is not a list");
      return List.of();
    }
    List<Map<String, Object>> maps = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof Map<?, ?> map) {
        maps.add((Map<String, Object>) map);
      } else {
        problems.add(key + ": an entry is not a mapping");
      }
    }
    return maps;
  }
}
