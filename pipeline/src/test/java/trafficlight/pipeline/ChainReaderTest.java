package trafficlight.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in chain files: each reported with file, line and a fix; all of them at once. */
class ChainReaderTest {

  static final String VALID =
      """
      project: myapp
      stages: [CI, QA, Production]
      issues:
        repository: my-org/deploy-gates
        access_token: ((github.token))
      code:
      - name: myapp
        type: git
        source: {uri: https://github.com/my-org/myapp.git}
      deploy: {task: deploy, file: myapp/ci/deploy.yml}
      """;

  static List<String> errors(String yaml) {
    try {
      ChainReader.parse(yaml, "chain.yml");
    } catch (ChainException e) {
      return e.errors().stream().map(ChainError::toString).toList();
    }
    throw new AssertionError("no error for\n" + yaml);
  }

  @Test
  void aValidChainReadsWithItsDefaults() throws Exception {
    Chain chain = ChainReader.parse(VALID, "chain.yml");
    assertThat(chain.stages())
        .extracting(Chain.Stage::name)
        .containsExactly("CI", "QA", "Production");
    assertThat(chain.deployer()).isEqualTo("Concourse");
    assertThat(chain.titleOf(chain.stages().get(1)))
        .isEqualTo("[bot] Concourse myapp QA deployed.");
    assertThat(chain.prefixOf(chain.stages().get(1))).isEqualTo("[bot] Concourse myapp QA");
    assertThat(chain.labelsOf(chain.stages().get(0)))
        .containsExactly("pipeline-workflow", "promotion-to-qa");
    assertThat(chain.labelsOf(chain.stages().get(2)))
        .containsExactly("pipeline-workflow", "finalized-deployment");
  }

  @Test
  void relayedTriggersGetATokenVarAndAnHourlySafetyNet() throws Exception {
    Chain on = ChainReader.parse(VALID + "relay: true\n", "chain.yml");
    assertThat(on.webhookToken()).isEqualTo("((relay_webhook_token))");
    assertThat(on.checkEvery()).isEqualTo("1h");
    Chain own =
        ChainReader.parse(
            VALID + "relay: {webhook_token: ((ci.relay_token)), check_every: 30m}\n", "chain.yml");
    assertThat(own.webhookToken()).isEqualTo("((ci.relay_token))");
    assertThat(own.checkEvery()).isEqualTo("30m");
    Chain off = ChainReader.parse(VALID + "relay: false\n", "chain.yml");
    assertThat(off.webhookToken()).isNull();
    assertThat(off.checkEvery()).isNull();
  }

  @Test
  void aRelayedTokenMustBeAVarAndRelayAloneSetsTheTriggers() {
    assertThat(errors(VALID + "relay: {webhook_token: plain-text-token}\n"))
        .singleElement()
        .asString()
        .startsWith("chain.yml:11: relay.webhook_token is not a ((var))");
    assertThat(errors(VALID + "relay: true\ncheck_every: 5m\n"))
        .singleElement()
        .asString()
        .contains("check_every and relay both set");
    assertThat(errors(VALID + "relay: {check_every: soon}\n"))
        .singleElement()
        .asString()
        .contains("relay.check_every \"soon\" is not a duration");
    assertThat(errors(VALID + "relay: maybe\n"))
        .singleElement()
        .asString()
        .contains("relay is neither true, false nor a mapping");
  }

  @Test
  void anUnknownKeyNamesTheNearestValidOne() {
    assertThat(errors(VALID.replace("stages:", "stagse:")))
        .contains(
            "chain.yml:2: unknown key \"stagse\" (fix: did you mean \"stages\"?)",
            "chain.yml:1: missing key \"stages\" (fix: add stages: [CI, QA, Production])");
    assertThat(errors(VALID.replace("access_token", "acess_token")))
        .containsExactly(
            "chain.yml:5: unknown key \"issues: acess_token\" (fix: did you mean \"access_token\"?)");
  }

  @Test
  void aStageNamedTwiceIsAnError() {
    assertThat(errors(VALID.replace("[CI, QA, Production]", "[CI, QA, qa]")))
        .containsExactly(
            "chain.yml:2: stage \"qa\" is named twice (first at line 2) (fix: give every stage its"
                + " own name; each is deployed once per code change)");
  }

  @Test
  void approversAreLoginsOrTeamsOfStagesThatAreNotTheFirst() {
    assertThat(
            errors(
                VALID.replace(
                    "[CI, QA, Production]",
                    "[{name: CI, approvers: [alice]}, QA, {name: Production, approvers: [a b],"
                        + " forbid_self_approval: yes}]")))
        .containsExactly(
            "chain.yml:2: stage \"CI\" is the first: no gate issue promotes to it, so nobody"
                + " approves it (fix: put approvers on the stages a close promotes to, e.g. {name:"
                + " Production, approvers: [...]})",
            "chain.yml:2: approvers: \"a b\" is neither a GitHub login (alice) nor a team"
                + " (my-org/release, the team's slug) (fix: write logins and teams, e.g."
                + " approvers: [alice, \"@my-org/release\"])",
            "chain.yml:2: forbid_self_approval is neither true nor false (fix:"
                + " forbid_self_approval: true)");
  }

  @Test
  void theChainsApproversAreEveryPromotionsDefault() throws Exception {
    Chain chain =
        ChainReader.parse(
            VALID.replace(
                    "[CI, QA, Production]",
                    "[CI, QA, {name: Production, approvers: [\"((rel))\"]}]")
                + "approvers: [alice]\n",
            "chain.yml");
    assertThat(chain.stages())
        .extracting(Chain.Stage::approvers)
        .containsExactly(List.of(), List.of("alice"), List.of("((rel))"));
    assertThat(chain.stages()).noneMatch(Chain.Stage::forbidSelfApproval);
  }

  @Test
  void noStagesIsAnError() {
    assertThat(errors(VALID.replace("[CI, QA, Production]", "[]")))
        .containsExactly(
            "chain.yml:2: no stages (fix: list the stages in promotion order, e.g. stages: [CI,"
                + " QA, Production])");
  }

  @Test
  void aBadRepositoryNameIsAnErrorWithTheNameToWrite() {
    assertThat(errors(VALID.replace("my-org/deploy-gates", "https://github.com/my-org/gates.git")))
        .containsExactly(
            "chain.yml:4: repository \"https://github.com/my-org/gates.git\" is not a GitHub"
                + " repository name (owner/name) (fix: write repository: my-org/gates)");
    assertThat(errors(VALID.replace("my-org/deploy-gates", "deploy-gates")))
        .containsExactly(
            "chain.yml:4: repository \"deploy-gates\" is not a GitHub repository name"
                + " (owner/name) (fix: write owner/name, e.g. repository: my-org/deploy-gates)");
  }

  @Test
  void everyMistakeIsReportedAtOnceInFileOrder() {
    List<String> errors =
        errors(
            VALID
                .replace("project: myapp", "projct: myapp")
                .replace("my-org/deploy-gates", "-bad/")
                .replace("{task: deploy, file: myapp/ci/deploy.yml}", "{task: deploy}"));
    assertThat(errors).hasSize(4);
    assertThat(errors.get(0)).startsWith("chain.yml:1: unknown key \"projct\"");
    assertThat(errors.get(1)).startsWith("chain.yml:1: missing key \"project\"");
    assertThat(errors.get(2)).startsWith("chain.yml:4: repository \"-bad/\"");
    assertThat(errors.get(3))
        .startsWith("chain.yml:10: the deploy task has neither file nor config");
  }

  @Test
  void brokenYamlAndEmptyFilesAreErrors() {
    assertThat(errors("project: myapp\nstages: [CI\n"))
        .singleElement()
        .asString()
        .startsWith("chain.yml:3: not valid YAML");
    assertThat(errors(""))
        .containsExactly(
            "chain.yml: the chain file is empty (fix: start from the example in docs/PIPELINES.md:"
                + " project, stages, issues, code, deploy)");
  }

  @Test
  void titlesMustNameTheStageAndNotShadowAnotherStage() {
    assertThat(errors(VALID.replace("project: myapp", "project: myapp\ntitle: \"{project} up\"")))
        .singleElement()
        .asString()
        .contains("does not name the stage");
    assertThat(
            errors(
                VALID
                    .replace("[CI, QA, Production]", "[QA, QA2]")
                    .replace("project: myapp", "project: myapp\ntitle: \"{project} {stage}\"")))
        .singleElement()
        .asString()
        .contains("start with the issue prefix of stage QA");
    assertThat(errors(VALID.replace("project: myapp", "project: myapp\ntitle: \"{stage} up\"")))
        .singleElement()
        .asString()
        .contains("the title does not name the project")
        .endsWith(
            "(fix: put {project} in it, e.g. title: \"[bot] {deployer} {project} {stage} deployed.\")");
    assertThat(
            errors(VALID.replace("project: myapp", "project: myapp\ntitle: \"{projct} {stage}\"")))
        .singleElement()
        .asString()
        .endsWith("(fix: did you mean {project}?)");
  }

  @Test
  void aDeployPutMustNameADeclaredResource() {
    assertThat(errors(VALID.replace("{task: deploy, file: myapp/ci/deploy.yml}", "{put: myap}")))
        .containsExactly(
            "chain.yml:10: the deploy puts \"myap\", which is not declared (fix: did you mean"
                + " \"myapp\"?)");
  }

  @Test
  void nothingIsWrittenWhenTheChainHasAMistake(@TempDir Path dir) throws Exception {
    Path chain = dir.resolve("chain.yml");
    Path out = dir.resolve("pipeline.yml");
    Files.writeString(chain, VALID, StandardCharsets.UTF_8);
    Pipelines.generate(chain, out);
    String good = Files.readString(out);
    assertThat(good).contains("name: deploy-production");

    Files.writeString(chain, VALID.replace("[CI, QA, Production]", "[]"), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Pipelines.generate(chain, out))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("chain.yml:2: no stages");
    assertThat(Files.readString(out)).isEqualTo(good);
    try (var files = Files.list(dir)) {
      assertThat(files).hasSize(2);
    }
  }

  /** {@link #VALID} with its one code resource not a git repository: nothing to record. */
  static final String NO_GIT = VALID.replace("type: git", "type: s3");

  static final String TWO_GIT =
      VALID.replace(
          "deploy: {task",
          """
          - name: infra
            type: git
            source: {uri: https://github.com/my-org/infra.git}
          deploy: {task""");

  @Test
  void theOneGitCodeResourceIsRecordedAndPinnedWithoutCommitFrom() throws Exception {
    Chain chain = ChainReader.parse(VALID, "chain.yml");
    assertThat(chain.commitFrom()).isEqualTo("myapp");
    assertThat(chain.pinImage()).isEqualTo(PinStep.DEFAULT_IMAGE);

    Chain unpinned = ChainReader.parse(VALID + "pin: false\n", "chain.yml");
    assertThat(unpinned.commitFrom()).isEqualTo("myapp");
    assertThat(unpinned.pinImage()).isNull();

    Chain other = ChainReader.parse(NO_GIT, "chain.yml");
    assertThat(other.commitFrom()).isNull();
    assertThat(other.pinImage()).isNull();

    Chain mixed =
        ChainReader.parse(
            NO_GIT.replace(
                "deploy: {task",
                "- {name: app, type: git, source: {uri: https://github.com/my-org/app.git}}\n"
                    + "deploy: {task"),
            "chain.yml");
    assertThat(mixed.commitFrom()).isEqualTo("app");
  }

  @Test
  void severalGitCodeResourcesNeedCommitFromInOneLine() throws Exception {
    assertThat(errors(TWO_GIT))
        .containsExactly(
            "chain.yml:7: commit_from is missing: the chain has several git code resources"
                + " [myapp, infra], and the gates record and pin the commit of one (fix: add"
                + " commit_from: myapp (the one whose commit is approved), or pin: false to"
                + " record none)");
    assertThat(ChainReader.parse(TWO_GIT + "commit_from: infra\n", "c").commitFrom())
        .isEqualTo("infra");
    Chain unpinned = ChainReader.parse(TWO_GIT + "pin: false\n", "c");
    assertThat(unpinned.commitFrom()).isNull();
    assertThat(unpinned.pinImage()).isNull();
  }

  @Test
  void pinKeysAreCheckedWithTheirFix() throws Exception {
    String pinned = VALID + "commit_from: myapp\n";
    assertThat(ChainReader.parse(pinned, "c").pinImage()).isEqualTo("alpine/git");
    assertThat(ChainReader.parse(pinned + "pin: true\npin_image: my/git:1\n", "c").pinImage())
        .isEqualTo("my/git:1");
    assertThat(ChainReader.parse(pinned + "pin: false\n", "c").pinImage()).isNull();
    assertThat(ChainReader.parse(VALID, "c").pinImage()).isEqualTo("alpine/git");
    assertThat(errors(pinned + "pin: maybe\n"))
        .containsExactly(
            "chain.yml:12: pin is neither true nor false (fix: write pin: false to deploy the"
                + " newest version that passed the previous stage instead of the approved commit,"
                + " or leave pin out)");
    assertThat(errors(NO_GIT + "pin: true\n"))
        .containsExactly(
            "chain.yml:11: pin needs commit_from: the approved commit is the one the gate issues"
                + " record from it (fix: add commit_from: <the code resource to pin>)");
    assertThat(errors(NO_GIT + "pin_image: alpine/git\n"))
        .containsExactly(
            "chain.yml:11: pin_image is set, but nothing is pinned without commit_from (fix: add"
                + " commit_from: <the code resource to pin>, or remove pin_image)");
    assertThat(errors(pinned + "pin: false\npin_image: alpine/git\n"))
        .containsExactly(
            "chain.yml:13: pin_image is set, but nothing is pinned (pin: false) (fix: remove"
                + " pin_image, or pin: false)");
    assertThat(errors(pinned + "pin_image: \"Alpine Git\"\n"))
        .containsExactly(
            "chain.yml:12: pin_image \"Alpine Git\" is not an image reference (fix: write"
                + " repository[:tag] or repository@sha256:<digest>, e.g. pin_image: alpine/git)");
  }
}
