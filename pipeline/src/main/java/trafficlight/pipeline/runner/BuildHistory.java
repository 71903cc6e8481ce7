package trafficlight.pipeline.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import trafficlight.concourse.ConcourseUrls;

/** The builds so far, oldest first, numbered as Concourse numbers them. Thread-safe. */
final class BuildHistory {

  private final List<BuildRecord> builds = new ArrayList<>();

  /**
   * Records a build that starts now: its id counts the pipeline's builds from 1, its number the
   * job's.
   *
   * @param inputs the version of each get, by the get's name
   */
  synchronized BuildRecord start(
      String job, Map<String, Map<String, String>> inputs, ConcourseUrls urls) {
    int number = (int) builds.stream().filter(b -> b.job().equals(job)).count() + 1;
    BuildRecord build =
        new BuildRecord(
            builds.size() + 1, job, number, inputs, urls.build(job, String.valueOf(number)));
    builds.add(build);
    return build;
  }

  /** Every build as it is now, oldest first. */
  synchronized List<Build> snapshots() {
    return builds.stream().map(BuildRecord::snapshot).toList();
  }

  synchronized Optional<BuildRecord> find(long id) {
    return builds.stream().filter(b -> b.id() == id).findFirst();
  }

  synchronized Optional<BuildRecord> find(String job, int number) {
    return builds.stream().filter(b -> b.job().equals(job) && b.number() == number).findFirst();
  }
}
