package trafficlight.concourse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ConcourseUrlsTest {

  private static final ConcourseUrls PLAIN =
      new ConcourseUrls(URI.create("https://ci.example.com/"), "main", PipelineRef.named("myapp"));

  @Test
  void buildPagesAreLaidOutAsConcourseLaysThemOut() {
    assertThat(PLAIN.build("deploy-qa", "12"))
        .isEqualTo("https://ci.example.com/teams/main/pipelines/myapp/jobs/deploy-qa/builds/12");
    assertThat(PLAIN.shortBuild(345)).isEqualTo("https://ci.example.com/builds/345");
  }

  @Test
  void theCheckWebhookCarriesItsTokenEncoded() {
    assertThat(PLAIN.checkWebhook("qa-promoted", "a b&c").toString())
        .isEqualTo(
            "https://ci.example.com/api/v1/teams/main/pipelines/myapp/resources/qa-promoted"
                + "/check/webhook?webhook_token=a+b%26c");
  }

  @Test
  void anInstancedPipelineCarriesItsVarsOnBuildsAndWebhooks() {
    ConcourseUrls instanced =
        new ConcourseUrls("http://ci", "main", PipelineRef.parse("myapp/branch:feature/x"));
    assertThat(instanced.checkWebhook("qa-gate", "t").toString())
        .isEqualTo(
            "http://ci/api/v1/teams/main/pipelines/myapp/resources/qa-gate/check/webhook"
                + "?webhook_token=t&vars.branch=%22feature%2Fx%22");
    assertThat(instanced.build("deploy", "1"))
        .isEqualTo(
            "http://ci/teams/main/pipelines/myapp/jobs/deploy/builds/1?vars.branch=%22feature%2Fx%22");
  }

  @Test
  void namesWithSpacesOrSlashesStayOneSegment() {
    ConcourseUrls odd = new ConcourseUrls("http://ci", "my team", PipelineRef.named("a/b"));
    assertThat(odd.build("job one", "2"))
        .isEqualTo("http://ci/teams/my%20team/pipelines/a%2Fb/jobs/job%20one/builds/2");
  }
}
