package trafficlight.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import trafficlight.concourse.PipelineYaml;

/** The validator finds what {@code fly validate-pipeline} rejects. */
class PipelineValidatorTest {

  static List<String> problems(String yaml) {
    return PipelineValidator.validate(PipelineYaml.read(yaml));
  }

  @Test
  void findsUndeclaredResourcesTypesAndJobs() {
    assertThat(
            problems(
                """
                resources:
                - {name: app, type: git}
                - {name: gate, type: github-issues}
                - {name: app, type: git}
                jobs:
                - name: a
                  plan:
                  - get: app
                  - get: nope
                - name: b
                  plan:
                  - get: app
                    passed: [a, c]
                  - get: gate
                    passed: [a]
                  - task: t
                  on_success: {put: missing}
                - name: a
                  plan: []
                """))
        .containsExactlyInAnyOrder(
            "resources.gate: unknown resource type github-issues",
            "resources: app is declared twice",
            "jobs: a is declared twice",
            "jobs.a.get(nope): unknown resource nope",
            "jobs.b.get(app).passed: unknown job c",
            "jobs.b.get(gate).passed: job a does not interact with resource gate",
            "jobs.b.task(t): has neither file nor config",
            "jobs.b.put(missing): unknown resource missing");
  }

  @Test
  void acceptsDeclaredTypesAliasesAndNestedSteps() {
    assertThat(
            problems(
                """
                resource_types:
                - {name: github-issues, type: registry-image}
                resources:
                - {name: app, type: git}
                - {name: gate, type: github-issues}
                jobs:
                - name: a
                  plan:
                  - in_parallel:
                    - get: code
                      resource: app
                  - do:
                    - put: gate
                - name: b
                  plan:
                  - get: app
                    passed: [a]
                  - get: gate
                    passed: [a]
                """))
        .isEmpty();
  }
}
