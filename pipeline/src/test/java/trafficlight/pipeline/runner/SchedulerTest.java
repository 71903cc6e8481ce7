package trafficlight.pipeline.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static trafficlight.pipeline.runner.Build.Status.FAILED;
import static trafficlight.pipeline.runner.Build.Status.STARTED;
import static trafficlight.pipeline.runner.Build.Status.SUCCEEDED;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trafficlight.concourse.PipelineYaml;
import trafficlight.pipeline.runner.RunnerPipeline.JobDef;
import trafficlight.pipeline.runner.Scheduler.Start;

/** Which builds start, and with what, on Concourse's rules for trigger, passed and version. */
class SchedulerTest {

  static Map<String, String> v(String ref) {
    return Map.of("ref", ref);
  }

  static List<JobDef> jobs(String pipelineYaml) {
    return RunnerPipeline.of(PipelineYaml.read(pipelineYaml)).jobs();
  }

  static Scheduler scheduler(String pipelineYaml) {
    return new Scheduler(jobs(pipelineYaml));
  }

  static JobDef job(List<JobDef> jobs, String name) {
    return jobs.stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * Builds as the runner records them: numbered per job, inputs by get name, outputs by resource.
   */
  static final class History {
    final List<Build> builds = new ArrayList<>();

    History add(String job, Build.Status status, Map<String, Map<String, String>> inputs) {
      return add(job, status, inputs, Map.of());
    }

    History add(
        String job,
        Build.Status status,
        Map<String, Map<String, String>> inputs,
        Map<String, Map<String, String>> outputs) {
      int number = (int) builds.stream().filter(b -> b.job().equals(job)).count() + 1;
      builds.add(
          new Build(builds.size() + 1, job, number, inputs, outputs, status, "/" + job + number));
      return this;
    }

    /** A build of each job, in this order, with {@code code} at {@code version}. */
    History each(Build.Status status, String version, String... jobs) {
      for (String job : jobs) {
        add(job, status, Map.of("code", v(version)));
      }
      return this;
    }

    /** The last build of the job, now finished as {@code status}. */
    History finish(String job, Build.Status status) {
      for (int i = builds.size() - 1; i >= 0; i--) {
        Build b = builds.get(i);
        if (b.job().equals(job)) {
          builds.set(
              i, new Build(b.id(), job, b.number(), b.inputs(), b.outputs(), status, b.url()));
          return this;
        }
      }
      throw new IllegalArgumentException("no build of " + job);
    }
  }

  static Map<String, List<Map<String, String>>> versions(Object... resourceThenVersions) {
    Map<String, List<Map<String, String>>> versions = new LinkedHashMap<>();
    for (int i = 0; i < resourceThenVersions.length; i += 2) {
      List<Map<String, String>> list = new ArrayList<>();
      for (String ref : ((String) resourceThenVersions[i + 1]).split(" ")) {
        list.add(v(ref));
      }
      versions.put((String) resourceThenVersions[i], list);
    }
    return versions;
  }

  // ---- trigger

  static final List<JobDef> TRIGGER_AND_NOT_JOBS =
      jobs(
          """
          jobs:
          - name: build
            plan:
            - {get: code, trigger: true}
            - {get: tools}
          - name: manual
            plan:
            - {get: code}
          """);
  static final Scheduler TRIGGER_AND_NOT = new Scheduler(TRIGGER_AND_NOT_JOBS);

  @Test
  void aNewVersionOfATriggerGetStartsABuildWithTheLatestOfEveryGet() {
    assertThat(
            TRIGGER_AND_NOT.due(versions("code", "c1 c2", "tools", "t1 t2"), new History().builds))
        .containsExactly(new Start("build", Map.of("code", v("c2"), "tools", v("t2"))));
  }

  @Test
  void aNewVersionOfAGetWithoutTriggerStartsNoBuild() {
    History history =
        new History().add("build", SUCCEEDED, Map.of("code", v("c1"), "tools", v("t1")));
    assertThat(TRIGGER_AND_NOT.due(versions("code", "c1", "tools", "t1 t2"), history.builds))
        .isEmpty();
    // it goes along with the next build that a trigger get starts
    assertThat(TRIGGER_AND_NOT.due(versions("code", "c1 c2", "tools", "t1 t2"), history.builds))
        .containsExactly(new Start("build", Map.of("code", v("c2"), "tools", v("t2"))));
  }

  @Test
  void aJobWithoutTriggerGetsIsNeverStartedButKnowsItsInputs() {
    Map<String, List<Map<String, String>>> versions = versions("code", "c1 c2", "tools", "t1");
    assertThat(TRIGGER_AND_NOT.due(versions, new History().builds))
        .extracting(Start::job)
        .containsExactly("build");
    assertThat(TRIGGER_AND_NOT.inputs(job(TRIGGER_AND_NOT_JOBS, "manual"), versions, List.of()))
        .contains(Map.of("code", v("c2")));
  }

  @Test
  void aGetWhoseResourceHasNoVersionYetHoldsTheJobBack() {
    assertThat(TRIGGER_AND_NOT.due(versions("code", "c1"), new History().builds)).isEmpty();
  }

  @Test
  void versionsABuildHadDoNotTriggerAgainEvenWhenItFailed() {
    History history = new History().add("build", FAILED, Map.of("code", v("c1"), "tools", v("t1")));
    assertThat(TRIGGER_AND_NOT.due(versions("code", "c1", "tools", "t1"), history.builds))
        .isEmpty();
    // c1, found again after c2, is the newest once more: still not new to the job, as build #1 had
    // it
    history.add("build", SUCCEEDED, Map.of("code", v("c2"), "tools", v("t1")));
    assertThat(TRIGGER_AND_NOT.due(versions("code", "c2 c1", "tools", "t1"), history.builds))
        .isEmpty();
  }

  // ---- passed

  static final List<JobDef> FAN_IN_JOBS =
      jobs(
          """
          jobs:
          - name: unit
            plan: [{get: code, trigger: true}]
          - name: integration
            plan: [{get: code, trigger: true}]
          - name: production
            plan: [{get: code, trigger: true, passed: [unit, integration]}]
          """);
  static final Scheduler FAN_IN = new Scheduler(FAN_IN_JOBS);

  @Test
  void aVersionIsEligibleOnlyOnceEveryPassedJobHasASucceededBuildWithIt() {
    History history =
        new History()
            .add("unit", SUCCEEDED, Map.of("code", v("c1")))
            .add("integration", SUCCEEDED, Map.of("code", v("c1")))
            .add("unit", SUCCEEDED, Map.of("code", v("c2")))
            .add("integration", FAILED, Map.of("code", v("c2")));
    Map<String, List<Map<String, String>>> versions = versions("code", "c1 c2");
    assertThat(FAN_IN.due(versions, history.builds))
        .containsExactly(new Start("production", Map.of("code", v("c1"))));

    history.add("production", SUCCEEDED, Map.of("code", v("c1")));
    assertThat(FAN_IN.due(versions, history.builds)).isEmpty();

    history.add("integration", SUCCEEDED, Map.of("code", v("c2")));
    assertThat(FAN_IN.due(versions, history.builds))
        .containsExactly(new Start("production", Map.of("code", v("c2"))));
  }

  @Test
  void aVersionThatPassedNoneOrOnlySomeOfTheJobsIsNotEligible() {
    Map<String, List<Map<String, String>>> versions = versions("code", "c1");
    JobDef production = job(FAN_IN_JOBS, "production");
    History history = new History();
    assertThat(FAN_IN.inputs(production, versions, history.builds)).isEmpty();
    history.add("unit", SUCCEEDED, Map.of("code", v("c1")));
    assertThat(FAN_IN.inputs(production, versions, history.builds)).isEmpty();
    history.add("integration", STARTED, Map.of("code", v("c1")));
    assertThat(FAN_IN.inputs(production, versions, history.builds)).isEmpty();
    history.finish("integration", SUCCEEDED);
    assertThat(FAN_IN.inputs(production, versions, history.builds))
        .contains(Map.of("code", v("c1")));
  }

  static final Scheduler SAME_UPSTREAM_BUILD =
      scheduler(
          """
          jobs:
          - name: build
            plan:
            - {get: app, trigger: true}
            - {get: config, trigger: true}
          - name: scan
            plan:
            - {get: config, trigger: true}
          - name: deploy
            plan:
            - {get: app, trigger: true, passed: [build]}
            - {get: config, passed: [build, scan]}
          """);

  @Test
  void getsSharingAPassedJobTakeVersionsOneBuildOfThatJobHadTogether() {
    // the newest app passed in build #1, the newest config in build #2: never together
    History history =
        new History()
            .add("build", SUCCEEDED, Map.of("app", v("a2"), "config", v("c1")))
            .add("build", SUCCEEDED, Map.of("app", v("a1"), "config", v("c2")))
            .add("scan", SUCCEEDED, Map.of("config", v("c1")))
            .add("scan", SUCCEEDED, Map.of("config", v("c2")));
    assertThat(SAME_UPSTREAM_BUILD.due(versions("app", "a1 a2", "config", "c1 c2"), history.builds))
        .containsExactly(new Start("deploy", Map.of("app", v("a2"), "config", v("c1"))));
  }

  @Test
  void whenTheNewestVersionHasNoConsistentPartnerAnOlderOneIsTaken() {
    // build #2 had a2 with c2, but c2 has not passed scan: a2 cannot go yet, a1 with c1 can
    History history =
        new History()
            .add("build", SUCCEEDED, Map.of("app", v("a1"), "config", v("c1")))
            .add("build", SUCCEEDED, Map.of("app", v("a2"), "config", v("c2")))
            .add("scan", SUCCEEDED, Map.of("config", v("c1")))
            .add("scan", FAILED, Map.of("config", v("c2")));
    Map<String, List<Map<String, String>>> versions = versions("app", "a1 a2", "config", "c1 c2");
    assertThat(SAME_UPSTREAM_BUILD.due(versions, history.builds))
        .containsExactly(new Start("deploy", Map.of("app", v("a1"), "config", v("c1"))));

    history.add("deploy", SUCCEEDED, Map.of("app", v("a1"), "config", v("c1")));
    history.add("scan", SUCCEEDED, Map.of("config", v("c2")));
    assertThat(SAME_UPSTREAM_BUILD.due(versions, history.builds))
        .containsExactly(new Start("deploy", Map.of("app", v("a2"), "config", v("c2"))));
  }

  @Test
  void aVersionAPassedJobPutCountsAsPassedAndACheckedOneDoesNot() {
    Scheduler scheduler =
        scheduler(
            """
            jobs:
            - name: publish
              plan:
              - {get: code, trigger: true}
              - {put: image}
            - name: deploy
              plan:
              - {get: image, trigger: true, passed: [publish]}
            """);
    History history =
        new History().add("publish", SUCCEEDED, Map.of("code", v("c1")), Map.of("image", v("i1")));
    // i2 was found by a check of image: it did not come through publish
    assertThat(scheduler.due(versions("code", "c1", "image", "i1 i2"), history.builds))
        .containsExactly(new Start("deploy", Map.of("image", v("i1"))));
  }

  // ---- version: every

  static final Scheduler EVERY =
      scheduler(
          """
          jobs:
          - name: every
            plan: [{get: code, trigger: true, version: every}]
          - name: latest
            plan: [{get: code, trigger: true, version: latest}]
          """);

  @Test
  void everyWalksThroughTheVersionsAfterTheLastItHadWhereLatestSkipsToTheNewest() {
    History history = new History().each(SUCCEEDED, "c1", "every", "latest");
    Map<String, List<Map<String, String>>> versions = versions("code", "c1 c2 c3 c4");
    assertThat(EVERY.due(versions, history.builds))
        .containsExactly(
            new Start("every", Map.of("code", v("c2"))),
            new Start("latest", Map.of("code", v("c4"))));
    history.add("every", SUCCEEDED, Map.of("code", v("c2")));
    history.add("latest", SUCCEEDED, Map.of("code", v("c4")));
    assertThat(EVERY.due(versions, history.builds))
        .containsExactly(new Start("every", Map.of("code", v("c3"))));
    history.add("every", FAILED, Map.of("code", v("c3")));
    assertThat(EVERY.due(versions, history.builds))
        .containsExactly(new Start("every", Map.of("code", v("c4"))));
    history.add("every", SUCCEEDED, Map.of("code", v("c4")));
    assertThat(EVERY.due(versions, history.builds)).isEmpty();
  }

  @Test
  void everyStartsFromTheNewestVersionWhenTheJobHasNoBuildYet() {
    assertThat(EVERY.due(versions("code", "c1 c2 c3"), new History().builds))
        .extracting(start -> start.inputs().get("code"))
        .containsExactly(v("c3"), v("c3"));
  }

  @Test
  void everyWithPassedStepsOnlyThroughTheVersionsThatPassed() {
    Scheduler scheduler =
        scheduler(
            """
            jobs:
            - name: unit
              plan: [{get: code, trigger: true}]
            - name: release
              plan: [{get: code, trigger: true, passed: [unit], version: every}]
            """);
    History history =
        new History()
            .add("unit", SUCCEEDED, Map.of("code", v("c1")))
            .add("release", SUCCEEDED, Map.of("code", v("c1")))
            .add("unit", FAILED, Map.of("code", v("c2")))
            .add("unit", SUCCEEDED, Map.of("code", v("c3")))
            .add("unit", SUCCEEDED, Map.of("code", v("c4")));
    Map<String, List<Map<String, String>>> versions = versions("code", "c1 c2 c3 c4");
    assertThat(scheduler.due(versions, history.builds))
        .containsExactly(new Start("release", Map.of("code", v("c3"))));
    history.add("release", SUCCEEDED, Map.of("code", v("c3")));
    assertThat(scheduler.due(versions, history.builds))
        .containsExactly(new Start("release", Map.of("code", v("c4"))));
  }

  @Test
  void aPinnedVersionIsRefusedByName() {
    assertThatThrownBy(
            () -> scheduler("jobs:\n- name: j\n  plan:\n  - {get: code, version: {ref: abc}}\n"))
        .hasMessageContaining("jobs.j.get code: the local runner takes version: latest or every");
  }

  // ---- a version that appears while a build runs

  @Test
  void aVersionFoundWhileTheJobBuildsGoesToItsNextBuildOnce() {
    History history = new History().each(STARTED, "c1", "latest", "every");
    Map<String, List<Map<String, String>>> versions = versions("code", "c1 c2 c3");
    assertThat(EVERY.due(versions, history.builds)).isEmpty();

    history.finish("latest", SUCCEEDED).finish("every", FAILED);
    assertThat(EVERY.due(versions, history.builds))
        .containsExactly(
            new Start("every", Map.of("code", v("c2"))),
            new Start("latest", Map.of("code", v("c3"))));

    history.each(SUCCEEDED, "c3", "latest").each(SUCCEEDED, "c2", "every");
    assertThat(EVERY.due(versions, history.builds))
        .containsExactly(new Start("every", Map.of("code", v("c3"))));

    history.each(SUCCEEDED, "c3", "every");
    assertThat(EVERY.due(versions, history.builds)).isEmpty();
  }
}
