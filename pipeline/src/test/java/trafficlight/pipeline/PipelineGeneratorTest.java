package trafficlight.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import trafficlight.concourse.PipelineYaml;

/** The wiring the issue asks for, read from the generated pipeline. */
class PipelineGeneratorTest {

  /** The last stage's put in three-stage.yml: it records the commit and the close it came from. */
  static final Map<String, Object> THREE_STAGE_LAST_PUT =
      Map.of(
          "put",
          "production-deployed",
          "params",
          Map.of("commit_from", "myapp", "approval", "qa-promoted"));

  @SuppressWarnings("unchecked")
  static Map<String, Object> named(Map<String, Object> pipeline, String section, String name) {
    return ((List<Map<String, Object>>) pipeline.get(section))
        .stream().filter(m -> name.equals(m.get("name"))).findFirst().orElseThrow();
  }

  @Test
  @SuppressWarnings("unchecked")
  void chainsStagesThroughPostAndTriggerResources() throws Exception {
    Chain chain = ChainReader.read(GoldenTest.CHAINS.resolve("three-stage.yml"));
    Map<String, Object> pipeline = PipelineYaml.read(PipelineGenerator.yaml(chain, "x"));

    Map<String, Object> qaDeployed = named(pipeline, "resources", "qa-deployed");
    Map<String, Object> post = (Map<String, Object>) qaDeployed.get("source");
    assertThat(post)
        .containsEntry("issue_state", "open")
        .containsEntry("issue_prefix", "[bot] Pulumi myapp QA")
        .containsEntry("issue_title_template", "[bot] Pulumi myapp QA deployed.")
        .containsEntry(
            "labels", List.of("pipeline-workflow", "promotion-to-production", "team:web"));
    assertThat(qaDeployed).doesNotContainKey("check_every");

    Map<String, Object> qaPromoted = named(pipeline, "resources", "qa-promoted");
    assertThat(qaPromoted)
        .containsEntry("check_every", "5m")
        .containsEntry("webhook_token", "((github.webhook_token))");
    assertThat((Map<String, Object>) qaPromoted.get("source"))
        .containsEntry("issue_state", "closed")
        .containsEntry("issue_prefix", "[bot] Pulumi myapp QA")
        .doesNotContainKey("labels");
    assertThat(((List<Map<String, Object>>) pipeline.get("resources")))
        .extracting(r -> r.get("name"))
        .doesNotContain("production-promoted");

    List<Object> ci = (List<Object>) named(pipeline, "jobs", "deploy-ci").get("plan");
    assertThat(ci.get(0)).isEqualTo(Map.of("get", "myapp", "trigger", true));
    Map<String, Object> production = named(pipeline, "jobs", "deploy-production");
    List<Object> plan = (List<Object>) production.get("plan");
    assertThat(plan.get(0)).isEqualTo(Map.of("get", "qa-promoted", "trigger", true));
    assertThat(plan.get(1)).isEqualTo(Map.of("get", "myapp", "passed", List.of("deploy-qa")));
    assertThat((Map<String, Object>) plan.get(2)).containsEntry("task", "pin-approved-commit");
    assertThat((Map<String, Object>) plan.get(3))
        .containsEntry("task", "deploy")
        .containsEntry("params", Map.of("STAGE", "Production", "PROJECT", "myapp"));
    assertThat(production.get("on_success")).isEqualTo(THREE_STAGE_LAST_PUT);
    assertThat(((Map<String, Object>) named(pipeline, "jobs", "deploy-ci").get("on_success")))
        .isEqualTo(
            Map.of(
                "put",
                "ci-deployed",
                "params",
                Map.of("commit_from", "myapp", "next_stage", "QA")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void approversGuardThePromotionToTheirStageAndTheRecordsSayWho() throws Exception {
    Chain chain =
        ChainReader.parse(
            """
            project: myapp
            stages: [CI, QA, {name: Production, approvers: ["@my-org/release"]}]
            approvers: [alice]
            forbid_self_approval: true
            issues: {repository: my-org/deploy-gates}
            code: [{name: myapp, type: git, source: {uri: u}}]
            deploy: {task: deploy, file: myapp/ci/deploy.yml}
            """,
            "chain.yml");
    Map<String, Object> pipeline = PipelineGenerator.generate(chain);

    // CI -> QA: the chain's default; QA -> Production: the stage's own approvers, the default's
    // forbid_self_approval
    Map<String, Object> ciPromoted =
        (Map<String, Object>) named(pipeline, "resources", "ci-promoted").get("source");
    assertThat(ciPromoted)
        .containsEntry("approvers", List.of("alice"))
        .containsEntry("forbid_self_approval", true);
    Map<String, Object> qaPromoted =
        (Map<String, Object>) named(pipeline, "resources", "qa-promoted").get("source");
    assertThat(qaPromoted)
        .containsEntry("approvers", List.of("@my-org/release"))
        .containsEntry("forbid_self_approval", true);
    // the post resources never enforce (the resource refuses approvers with issue_state: open)
    for (String post : List.of("ci-deployed", "qa-deployed", "production-deployed")) {
      assertThat((Map<String, Object>) named(pipeline, "resources", post).get("source"))
          .doesNotContainKeys("approvers", "forbid_self_approval");
    }
    // the puts record the rule of the promotion their issue gates
    assertThat(named(pipeline, "jobs", "deploy-qa").get("on_success"))
        .isEqualTo(
            Map.of(
                "put",
                "qa-deployed",
                "params",
                Map.of(
                    "commit_from",
                    "myapp",
                    "approval",
                    "ci-promoted",
                    "next_stage",
                    "Production",
                    "approvers",
                    List.of("@my-org/release"),
                    "forbid_self_approval",
                    true)));
    assertThat(named(pipeline, "jobs", "deploy-production").get("on_success"))
        .isEqualTo(THREE_STAGE_LAST_PUT);
    assertThat(PipelineValidator.validate(pipeline)).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void mitodlsPulumiChainHasTheirLabelsAndChecks() throws Exception {
    Map<String, Object> pipeline =
        PipelineGenerator.generate(
            ChainReader.read(GoldenTest.CHAINS.resolve("mitodl-pulumi.yml")));
    for (var expected :
        Map.of(
                "ci-deployed", "promotion-to-qa",
                "qa-deployed", "promotion-to-production",
                "production-deployed", "finalized-deployment")
            .entrySet()) {
      Map<String, Object> source =
          (Map<String, Object>) named(pipeline, "resources", expected.getKey()).get("source");
      assertThat((List<String>) source.get("labels"))
          .containsExactlyInAnyOrder(
              "product:infrastructure", "DevOps", "pipeline-workflow", expected.getValue());
    }
    Map<String, Object> ciPromoted = named(pipeline, "resources", "ci-promoted");
    assertThat(ciPromoted).containsEntry("check_every", "15m");
    assertThat(((Map<String, Object>) ciPromoted.get("source")))
        .containsEntry("issue_prefix", "[bot] Pulumi myapp applications.myapp.CI");
    assertThat(
            ((Map<String, Object>) named(pipeline, "resources", "qa-deployed").get("source"))
                .get("issue_title_template"))
        .isEqualTo("[bot] Pulumi myapp applications.myapp.QA deployed.");
  }

  @Test
  void bracesInNamesAreLiteralInTheResourcesTemplate() throws Exception {
    Chain chain =
        ChainReader.parse(ChainReaderTest.VALID.replace("project: myapp", "project: my{app}"), "c");
    @SuppressWarnings("unchecked")
    Map<String, Object> source =
        (Map<String, Object>)
            named(PipelineGenerator.generate(chain), "resources", "ci-deployed").get("source");
    assertThat(source)
        .containsEntry("issue_title_template", "[bot] Concourse my{{app}} CI deployed.")
        .containsEntry("issue_prefix", "[bot] Concourse my{app} CI");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyJobAfterAGateChecksOutTheApprovedCommitBeforeItsDeploy() throws Exception {
    Chain chain = ChainReader.read(GoldenTest.CHAINS.resolve("three-stage.yml"));
    Map<String, Object> pipeline = PipelineYaml.read(PipelineGenerator.yaml(chain, "x"));
    List<Object> ci = (List<Object>) named(pipeline, "jobs", "deploy-ci").get("plan");
    assertThat(ci)
        .extracting(s -> ((Map<String, Object>) s).get("task"))
        .doesNotContain(PinStep.NAME);
    for (String[] job :
        new String[][] {{"deploy-qa", "ci-promoted"}, {"deploy-production", "qa-promoted"}}) {
      List<Object> plan = (List<Object>) named(pipeline, "jobs", job[0]).get("plan");
      Map<String, Object> pin = (Map<String, Object>) plan.get(2);
      assertThat(pin).containsEntry("task", PinStep.NAME);
      Map<String, Object> config = (Map<String, Object>) pin.get("config");
      assertThat(config)
          .containsEntry(
              "image_resource",
              Map.of("type", "registry-image", "source", Map.of("repository", "alpine/git")))
          .containsEntry("inputs", List.of(Map.of("name", job[1]), Map.of("name", "myapp")))
          .containsEntry("outputs", List.of(Map.of("name", "myapp")))
          .containsEntry("params", Map.of("APPROVAL", job[1], "CODE", "myapp"))
          .containsEntry("run", Map.of("path", "sh", "args", List.of("-c", PinStep.script())));
      assertThat((Map<String, Object>) plan.get(3)).containsEntry("task", "deploy");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aChainWithOneGitCodeResourceAndNoCommitFromGeneratesThePinStep() throws Exception {
    assertThat(ChainReaderTest.VALID).doesNotContain("commit_from");
    Map<String, Object> pipeline =
        PipelineYaml.read(
            PipelineGenerator.yaml(ChainReader.parse(ChainReaderTest.VALID, "c"), "x"));
    Map<String, Object> production = named(pipeline, "jobs", "deploy-production");
    List<Object> plan = (List<Object>) production.get("plan");
    assertThat((Map<String, Object>) plan.get(2))
        .containsEntry("task", PinStep.NAME)
        .extractingByKey("config")
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("params", Map.of("APPROVAL", "qa-promoted", "CODE", "myapp"));
    assertThat((Map<String, Object>) production.get("on_success"))
        .extractingByKey("params")
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("commit_from", "myapp");
  }

  static final String WITH_COMMIT = ChainReaderTest.VALID + "commit_from: myapp\n";

  @SuppressWarnings("unchecked")
  static List<Object> productionPlan(String chainYaml) throws Exception {
    Chain chain = ChainReader.parse(chainYaml, "c");
    return (List<Object>)
        named(PipelineGenerator.generate(chain), "jobs", "deploy-production").get("plan");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theImageIsTheChainsAndPinFalseOrNoCommitFromGeneratesNoStep() throws Exception {
    Map<String, Object> tagged =
        (Map<String, Object>)
            ((Map<String, Object>)
                    productionPlan(
                            WITH_COMMIT + "pin_image: registry.example:5000/tools/git:2.45\n")
                        .get(2))
                .get("config");
    assertThat(tagged.get("image_resource"))
        .isEqualTo(
            Map.of(
                "type",
                "registry-image",
                "source",
                Map.of("repository", "registry.example:5000/tools/git", "tag", "2.45")));
    String digest = "sha256:" + "ab".repeat(32);
    Map<String, Object> pinned =
        (Map<String, Object>)
            ((Map<String, Object>)
                    productionPlan(WITH_COMMIT + "pin_image: alpine/git@" + digest + "\n").get(2))
                .get("config");
    assertThat(pinned.get("image_resource"))
        .isEqualTo(
            Map.of(
                "type",
                "registry-image",
                "source",
                Map.of("repository", "alpine/git"),
                "version",
                Map.of("digest", digest)));
    assertThat(productionPlan(WITH_COMMIT + "pin: false\n"))
        .extracting(s -> ((Map<String, Object>) s).get("task"))
        .containsExactly(null, null, "deploy");
    assertThat(productionPlan(ChainReaderTest.NO_GIT))
        .extracting(s -> ((Map<String, Object>) s).get("task"))
        .containsExactly(null, null, "deploy");
  }
}
