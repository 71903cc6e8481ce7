package trafficlight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trafficlight.concourse.PipelineRef;
import trafficlight.gate.ConsumedPrefix;
import trafficlight.gate.GateLabels;
import trafficlight.gate.IssueFilter;
import trafficlight.gate.TitleFormat;
import trafficlight.pipeline.Pipelines;
import trafficlight.relay.Route;
import trafficlight.relay.RouteReader;

/**
 * What the generator writes, the relay reads back: its relayed trigger resources are the routes.
 */
class GeneratedRoutesTest {

  @TempDir Path dir;

  @Test
  void theGeneratorsRelayedTriggerResourcesAreTheRoutes() throws Exception {
    Path chain = dir.resolve("chain.yml");
    Files.writeString(
        chain,
        """
        project: shop
        deployer: Pulumi
        stages: [QA, Production]
        issues: {repository: acme/deploy-gates, access_token: ((github.token))}
        code:
        - {name: shop, type: git, source: {uri: "https://github.com/acme/shop.git"}}
        deploy: {task: deploy, file: shop/ci/deploy.yml}
        relay: true
        """,
        StandardCharsets.UTF_8);
    Path pipeline = dir.resolve("shop.pipeline.yml");
    Pipelines.generate(chain, pipeline);
    List<Route> routes =
        RouteReader.read(
            "main",
            PipelineRef.parse("shop"),
            pipeline,
            Map.of("relay_webhook_token", "relayed", "github.token", "t"));
    assertThat(routes).extracting(Route::resource).containsExactly("qa-promoted");
    Route qa = routes.get(0);
    assertThat(qa.webhookToken()).isEqualTo("relayed");
    String title = TitleFormat.defaultFormat().render("Pulumi", "shop", "QA");
    assertThat(
            qa.takes(
                "Acme/Deploy-Gates",
                new IssueFilter.Candidate(
                    title,
                    "closed",
                    "completed",
                    List.of(GateLabels.WORKFLOW, GateLabels.promotionTo("Production")),
                    false)))
        .isTrue();
    assertThat(
            qa.takes(
                "acme/deploy-gates",
                new IssueFilter.Candidate(
                    ConsumedPrefix.add(title, "9"), "closed", null, List.of(), false)))
        .isFalse();
  }
}
