package trafficlight.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chain key {@code pr_comments}, chain-wide or per stage, becomes the put's param. */
class PrCommentsChainTest {

  static final String CHAIN =
      """
      project: myapp
      stages: [CI, QA, {name: Production, pr_comments: false}]
      pr_comments: true
      commit_from: myapp
      issues: {repository: my-org/deploy-gates}
      code: [{name: myapp, type: git, source: {uri: u}}]
      deploy: {task: deploy, file: myapp/ci/deploy.yml}
      """;

  @SuppressWarnings("unchecked")
  static Map<String, Object> putParams(Map<String, Object> pipeline, String job) {
    Map<String, Object> onSuccess =
        (Map<String, Object>)
            ((List<Map<String, Object>>) pipeline.get("jobs"))
                .stream()
                    .filter(j -> job.equals(j.get("name")))
                    .findFirst()
                    .orElseThrow()
                    .get("on_success");
    return (Map<String, Object>) onSuccess.get("params");
  }

  @Test
  void theChainsKeyIsEveryStagesUnlessAStageSaysOtherwise() throws Exception {
    Chain chain = ChainReader.parse(CHAIN, "chain.yml");
    assertThat(chain.stages())
        .extracting(Chain.Stage::prComments)
        .containsExactly(true, true, false);

    Map<String, Object> pipeline = PipelineGenerator.generate(chain);

    assertThat(putParams(pipeline, "deploy-ci")).containsEntry("pr_comments", true);
    assertThat(putParams(pipeline, "deploy-qa")).containsEntry("pr_comments", true);
    assertThat(putParams(pipeline, "deploy-production")).doesNotContainKey("pr_comments");
    assertThat(PipelineValidator.validate(pipeline)).isEmpty();
  }

  @Test
  void withoutTheKeyNoPutCommentsOnPullRequests() throws Exception {
    Chain chain = ChainReader.parse(ChainReaderTest.VALID, "chain.yml");
    assertThat(chain.stages()).noneMatch(Chain.Stage::prComments);
  }

  @Test
  void prCommentsWithoutACommitToFollowIsOneErrorWithAFix() {
    // one git code resource is recorded without commit_from; a bucket has no commits to follow
    assertThat(
            ChainReaderTest.errors(
                CHAIN
                    .replace("commit_from: myapp\n", "")
                    .replace(", pr_comments: false", "")
                    .replace("type: git, source: {uri: u}", "type: s3, source: {bucket: b}")))
        .singleElement()
        .asString()
        .startsWith("chain.yml:3: ")
        .contains("pr_comments needs commit_from")
        .contains("commit_from: myapp");
    assertThat(ChainReaderTest.errors(CHAIN.replace("pr_comments: true", "pr_comments: yes")))
        .singleElement()
        .asString()
        .contains("pr_comments is neither true nor false");
  }
}
