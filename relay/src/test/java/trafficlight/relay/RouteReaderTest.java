package trafficlight.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.concourse.PipelineRef;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.IssueFilter;

/** Routes as read from the files {@code fly set-pipeline -c … -l …} takes. */
class RouteReaderTest {

  @TempDir Path dir;

  @Test
  void everyClosedIssueSourceWithAWebhookTokenIsARouteWhateverItsType() {
    List<Route> routes = Fixtures.routes(dir);
    assertThat(routes).extracting(Route::resource).containsExactly("qa-gate", "production-gate");
    Route qa = routes.get(0);
    assertThat(qa.webhookToken()).isEqualTo(Fixtures.QA_TOKEN);
    assertThat(qa.repository()).isEqualTo("my-org/deploy-gates");
    assertThat(qa.filter())
        .isEqualTo(
            new IssueFilter(
                "closed",
                Fixtures.QA_TITLE,
                List.of("pipeline-workflow", "promotion-to-production"),
                List.of()));
    assertThat(routes.get(1).filter().skipIfLabeled()).containsExactly("hold");
    assertThat(qa.toString()).isEqualTo("main/myapp/qa-gate").doesNotContain(Fixtures.QA_TOKEN);
  }

  @Test
  void theWebhookUrlIsConcoursesWithTheTokenEncoded() {
    Route qa = Fixtures.routes(dir).get(0);
    assertThat(qa.webhook(URI.create("https://ci.example.com/")).toString())
        .isEqualTo(
            "https://ci.example.com/api/v1/teams/main/pipelines/myapp/resources/qa-gate/check/webhook"
                + "?webhook_token=tok-qa-8c1f");
  }

  @Test
  void aVarsFileFillsNestedVarsAsFlyDoes() throws Exception {
    Path vars = dir.resolve("vars.yml");
    Files.writeString(
        vars, "relay: {qa_token: from-file}\ngithub_token: t\n", StandardCharsets.UTF_8);
    Path file = dir.resolve("p.yml");
    Files.writeString(file, Fixtures.PIPELINE, StandardCharsets.UTF_8);
    List<Route> routes =
        RouteReader.read("main", PipelineRef.parse("myapp"), file, RouteReader.readVarsFile(vars));
    assertThat(routes.get(0).webhookToken()).isEqualTo("from-file");
  }

  @Test
  void aVarWithoutValueInTheTokenOrSourceIsOneLineNamingTheVarAndFile() throws Exception {
    Path file = dir.resolve("p.yml");
    Files.writeString(file, Fixtures.PIPELINE, StandardCharsets.UTF_8);
    Map<String, String> noToken = new HashMap<>(Fixtures.VARS);
    noToken.remove("relay.qa_token");
    assertThatThrownBy(() -> RouteReader.read("main", PipelineRef.parse("myapp"), file, noToken))
        .isInstanceOf(RelayConfigException.class)
        .hasMessage(
            file
                + ": resource qa-gate: ((relay.qa_token)) has no value (at webhook_token): give it"
                + " with --var NAME=VALUE or --load-vars-from VARS.yml");
    Files.writeString(
        file,
        Fixtures.PIPELINE.replace("repository: my-org/deploy-gates\n", "repository: ((gates))\n"),
        StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> RouteReader.read("main", PipelineRef.parse("myapp"), file, Fixtures.VARS))
        .hasMessageContaining("((gates))")
        .hasMessageContaining("source.repository")
        .hasMessageNotContaining("\n");
  }

  @Test
  void theGitHubTokenIsNeitherNeededNorRead() throws Exception {
    Path file = dir.resolve("p.yml");
    Files.writeString(file, Fixtures.PIPELINE, StandardCharsets.UTF_8);
    List<Route> routes =
        RouteReader.read(
            "main", PipelineRef.parse("myapp"), file, Map.of("relay.qa_token", Fixtures.QA_TOKEN));
    assertThat(routes).extracting(Route::resource).contains("qa-gate", "production-gate");
    assertThat(routes.toString()).doesNotContain("github_token", Fixtures.GITHUB_TOKEN);
  }

  @Test
  void approversAndForbidSelfApprovalAreReadWithTheirVars() throws Exception {
    Path file = dir.resolve("guarded.yml");
    String pipeline =
        """
        resources:
        - name: qa-gate
          type: github-issues
          webhook_token: t
          source:
            repository: my-org/deploy-gates
            issue_prefix: "[bot] QA"
            issue_state: closed
            approvers: [alice, ((release_team))]
            forbid_self_approval: ((forbid))
        """;
    Files.writeString(file, pipeline, StandardCharsets.UTF_8);
    Route route = read(file, "@my-org/release", "true").get(0);
    assertThat(route.rule()).isEqualTo(ApprovalRule.of(List.of("alice", "my-org/release"), true));
    assertThat(Fixtures.routes(dir).get(0).rule()).isEqualTo(ApprovalRule.ANYONE);

    assertThatThrownBy(() -> read(file, "not a team", "true"))
        .isInstanceOf(RelayConfigException.class)
        .hasMessage(
            file
                + ": resource qa-gate: source.approvers: \"not a team\" is neither a GitHub login"
                + " (alice) nor a team (my-org/release, the team's slug)");
    assertThatThrownBy(() -> read(file, "bob", "maybe"))
        .hasMessage(
            file
                + ": resource qa-gate: source.forbid_self_approval is neither true nor false:"
                + " write true or false");
  }

  /** The routes of pipeline {@code main/p} in {@code file}, with its approvers given as vars. */
  static List<Route> read(Path file, String releaseTeam, String forbidSelfApproval) {
    return RouteReader.read(
        "main",
        PipelineRef.parse("p"),
        file,
        Map.of("release_team", releaseTeam, "forbid", forbidSelfApproval));
  }

  @Test
  void anUnreadableOrBrokenFileIsNamed() throws Exception {
    Path missing = dir.resolve("missing.yml");
    assertThatThrownBy(() -> RouteReader.read("main", PipelineRef.parse("p"), missing, Map.of()))
        .hasMessageStartingWith("cannot read pipeline file " + missing);
    Path broken = dir.resolve("broken.yml");
    Files.writeString(broken, "resources: [\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RouteReader.read("main", PipelineRef.parse("p"), broken, Map.of()))
        .hasMessageStartingWith(broken + ": not a pipeline");
  }
}
