package trafficlight.pipeline.runner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import trafficlight.pipeline.runner.RunnerPipeline.Get;
import trafficlight.pipeline.runner.RunnerPipeline.JobDef;

/**
 * Decides which builds start and with which inputs, by Concourse's rules for the plans the runner
 * runs. It does no I/O and reads no clock: the answer depends only on the jobs, the versions each
 * resource has and the builds so far.
 *
 * <ul>
 *   <li>A get takes the newest version of its resource ({@code version: latest}, the default). With
 *       {@code version: every} it takes, in the order the versions were found, the one after the
 *       newest this job's builds have had for it; a job's first build starts from the newest
 *       version, as in Concourse.
 *   <li>With {@code passed}, only a version that a succeeded build of every listed job had (as an
 *       input or an output) is eligible. Gets whose {@code passed} lists share a job take versions
 *       that one succeeded build of that job had together, so a job never combines versions that
 *       did not pass upstream together.
 *   <li>A build starts when some {@code trigger: true} get has a version that no earlier build of
 *       the job had for it, whatever became of that build (Concourse's "first occurrence"). A get
 *       without {@code trigger} never starts a build: it goes along with one.
 *   <li>A job runs one build at a time: while one is started, the job waits, and its next build
 *       takes the versions found meanwhile.
 * </ul>
 */
final class Scheduler {

  private final List<JobDef> jobs;
  private final Map<String, JobDef> jobsByName = new HashMap<>();

  Scheduler(List<JobDef> jobs) {
    this.jobs = List.copyOf(jobs);
    jobs.forEach(job -> jobsByName.put(job.name(), job));
  }

  /**
   * A build to start.
   *
   * @param inputs the version of each get, by the get's name
   */
  record Start(String job, Map<String, Map<String, String>> inputs) {}

  /**
   * The builds to start now, in the pipeline's order of jobs. The runner starts the first and asks
   * again when it has finished, since a build changes what is due.
   *
   * @param versions the versions of each resource, oldest first
   * @param builds every build so far, oldest first
   */
  List<Start> due(Map<String, List<Map<String, String>>> versions, List<Build> builds) {
    List<Start> due = new ArrayList<>();
    for (JobDef job : jobs) {
      List<Build> own = builds.stream().filter(b -> b.job().equals(job.name())).toList();
      if (own.stream().anyMatch(b -> b.status() == Build.Status.STARTED)) {
        continue;
      }
      inputs(job, versions, builds)
          .filter(inputs -> triggered(job, inputs, own))
          .ifPresent(inputs -> due.add(new Start(job.name(), inputs)));
    }
    return due;
  }

  /**
   * The inputs the job's next build would get, whether or not one is due; empty while some get has
   * no eligible version.
   */
  Optional<Map<String, Map<String, String>>> inputs(
      JobDef job, Map<String, List<Map<String, String>>> versions, List<Build> builds) {
    List<Get> gets = gets(job);
    List<Build> own = builds.stream().filter(b -> b.job().equals(job.name())).toList();
    List<List<Map<String, String>>> candidates = new ArrayList<>();
    for (Get get : gets) {
      candidates.add(candidates(get, versions.getOrDefault(get.resource(), List.of()), own));
    }
    Map<String, Map<String, String>> chosen = new LinkedHashMap<>();
    return choose(gets, candidates, 0, Map.of(), builds, chosen)
        ? Optional.of(Collections.unmodifiableMap(chosen))
        : Optional.empty();
  }

  private static boolean triggered(
      JobDef job, Map<String, Map<String, String>> inputs, List<Build> own) {
    return gets(job).stream()
        .filter(Get::trigger)
        .anyMatch(
            get ->
                own.stream()
                    .noneMatch(b -> inputs.get(get.name()).equals(b.inputs().get(get.name()))));
  }

  /**
   * The versions a get may take, the one it prefers first. Without {@code passed} a get takes the
   * first, whatever the other gets take. For {@code latest}: newest first. For {@code every}: the
   * ones after the newest this job has had for the get, oldest first, then the rest newest first
   * (what it takes when none after that one is eligible).
   */
  private static List<Map<String, String>> candidates(
      Get get, List<Map<String, String>> known, List<Build> own) {
    List<Map<String, String>> order = preference(get, known, own);
    return get.passed().isEmpty() && !order.isEmpty() ? order.subList(0, 1) : order;
  }

  private static List<Map<String, String>> preference(
      Get get, List<Map<String, String>> known, List<Build> own) {
    List<Map<String, String>> newestFirst = new ArrayList<>(known);
    Collections.reverse(newestFirst);
    if (!get.every()) {
      return newestFirst;
    }
    int last = -1;
    for (Build build : own) {
      last = Math.max(last, known.indexOf(build.inputs().get(get.name())));
    }
    if (last < 0) {
      return newestFirst;
    }
    List<Map<String, String>> order = new ArrayList<>(known.subList(last + 1, known.size()));
    order.addAll(newestFirst.subList(known.size() - last - 1, known.size()));
    return order;
  }

  /**
   * Picks a version for each get from {@code index} on, backtracking when a choice leaves a later
   * get's {@code passed} jobs without a build that had all the versions chosen.
   *
   * @param upstream for each job some earlier get names in passed: its succeeded builds that had
   *     every version chosen so far for the gets naming it
   */
  private boolean choose(
      List<Get> gets,
      List<List<Map<String, String>>> candidates,
      int index,
      Map<String, List<Build>> upstream,
      List<Build> builds,
      Map<String, Map<String, String>> chosen) {
    if (index == gets.size()) {
      return true;
    }
    Get get = gets.get(index);
    for (Map<String, String> version : candidates.get(index)) {
      Map<String, List<Build>> narrowed = narrow(get, version, upstream, builds);
      if (narrowed != null) {
        chosen.put(get.name(), version);
        if (choose(gets, candidates, index + 1, narrowed, builds, chosen)) {
          return true;
        }
        chosen.remove(get.name());
      }
    }
    return false;
  }

  /**
   * {@code upstream} with each of the get's passed jobs left with the builds that also had {@code
   * version}; null when one is left with none.
   */
  private Map<String, List<Build>> narrow(
      Get get, Map<String, String> version, Map<String, List<Build>> upstream, List<Build> builds) {
    Map<String, List<Build>> narrowed = new HashMap<>(upstream);
    for (String job : get.passed()) {
      List<Build> before = upstream.containsKey(job) ? upstream.get(job) : succeeded(job, builds);
      List<Build> fitting = before.stream().filter(b -> had(b, get.resource(), version)).toList();
      if (fitting.isEmpty()) {
        return null;
      }
      narrowed.put(job, fitting);
    }
    return narrowed;
  }

  private static List<Build> succeeded(String job, List<Build> builds) {
    return builds.stream()
        .filter(b -> b.job().equals(job) && b.status() == Build.Status.SUCCEEDED)
        .toList();
  }

  /** Whether the build got or put {@code version} of the resource. */
  private boolean had(Build build, String resource, Map<String, String> version) {
    if (version.equals(build.outputs().get(resource))) {
      return true;
    }
    JobDef job = jobsByName.get(build.job());
    return job != null
        && gets(job).stream()
            .anyMatch(
                get ->
                    get.resource().equals(resource)
                        && version.equals(build.inputs().get(get.name())));
  }

  private static List<Get> gets(JobDef job) {
    return job.plan().stream().filter(Get.class::isInstance).map(Get.class::cast).toList();
  }
}
