package trafficlight.resource.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import trafficlight.github.Credentials;
import trafficlight.resource.protocol.ResourceException;

class SourceConfigTest {

  private static Map<String, Object> source(Object... keyValues) {
    return Sources.of(keyValues);
  }

  @Test
  void defaultsAreMitodls() {
    SourceConfig config = SourceConfig.parse(source());
    assertThat(config.endpoint().base()).hasToString("https://api.github.com");
    assertThat(config.issueState()).isEqualTo("closed");
    assertThat(config.issuePrefix()).isEmpty();
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.credentials()).isInstanceOf(Credentials.Anonymous.class);
    assertThat(config.limitOldVersions()).isNull();
    assertThat(
            config
                .titleTemplate()
                .render(Map.of("BUILD_PIPELINE_NAME", "p", "BUILD_JOB_NAME", "j")))
        .isEqualTo("[bot] Pipeline p task j completed");
    assertThat(
            config
                .bodyTemplate()
                .render(
                    Map.of(
                        "BUILD_JOB_NAME", "j",
                        "BUILD_PIPELINE_NAME", "p",
                        "BUILD_NAME", "7",
                        "BUILD_URL", "http://ci/b/7")))
        .isEqualTo(
            "The task j in pipeline p has completed build number 7.\n"
                + "Please refer to [the build log](http://ci/b/7) for details of what changes this"
                + " includes.\n"
                + "Closing this issue will trigger the next job in the pipeline p.\n");
  }

  @Test
  void enterpriseHostWithTrailingSlashIsTolerated() {
    SourceConfig config = SourceConfig.parse(source("gh_host", "https://ghe.example.com/api/v3/"));
    assertThat(config.endpoint().base()).hasToString("https://ghe.example.com/api/v3");
  }

  @Test
  void unknownKeyIsNamedWithTheNearestValidKey() {
    assertThatThrownBy(() -> SourceConfig.parse(source("isue_prefix", "[bot]")))
        .isInstanceOf(ResourceException.class)
        .hasMessageStartingWith(
            "unknown source key \"isue_prefix\": did you mean \"issue_prefix\"?");
  }

  @Test
  void missingOrMalformedRepository() {
    Map<String, Object> none = source();
    none.remove("repository");
    assertThatThrownBy(() -> SourceConfig.parse(none))
        .hasMessageContaining("\"repository\" is required");
    assertThatThrownBy(() -> SourceConfig.parse(source("repository", "just-a-name")))
        .hasMessageContaining("owner/name")
        .hasMessageContaining("just-a-name");
  }

  @Test
  void wrongTypesNameTheKeyAndTheTypeButNeverTheValue() {
    assertThatThrownBy(() -> SourceConfig.parse(source("labels", "pipeline-workflow")))
        .hasMessage(
            "source key \"labels\" must be a list of strings, e.g. [pipeline-workflow], got a"
                + " string");
    assertThatThrownBy(() -> SourceConfig.parse(source("access_token", 12345)))
        .hasMessage("source key \"access_token\" must be a string, got a number")
        .message()
        .doesNotContain("12345");
    assertThatThrownBy(() -> SourceConfig.parse(source("issue_state", "shut")))
        .hasMessageContaining("must be one of open, closed");
    assertThatThrownBy(() -> SourceConfig.parse(source("timeout", 0)))
        .hasMessageContaining("positive whole number");
  }

  @Test
  void appAuthNeedsItsThreeKeysAndANumericAppId() {
    assertThatThrownBy(() -> SourceConfig.parse(source("auth_method", "app", "app_id", 1)))
        .hasMessageContaining("app_installation_id");
    assertThatThrownBy(
            () ->
                SourceConfig.parse(
                    source(
                        "auth_method", "app",
                        "app_id", "my-app",
                        "app_installation_id", 2,
                        "private_ssh_key", "x")))
        .hasMessage("source key \"app_id\" must be a positive whole number, got a string");
  }

  @Test
  void badPemIsReportedWithoutRepeatingIt() {
    String truncated = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAsecretsecret\n";
    assertThatThrownBy(
            () ->
                SourceConfig.parse(
                    source(
                        "auth_method",
                        "app",
                        "app_id",
                        1,
                        "app_installation_id",
                        "2",
                        "private_ssh_key",
                        truncated)))
        .hasMessageContaining("private_ssh_key")
        .message()
        .doesNotContain("secretsecret")
        .doesNotContain("MIIE");
  }

  @Test
  void tokenIsKeptButNeverPrinted() {
    SourceConfig config = SourceConfig.parse(source("access_token", "ghp_topsecret"));
    assertThat(config.credentials()).isEqualTo(new Credentials.Token("ghp_topsecret"));
    assertThat(config.toString()).doesNotContain("ghp_topsecret");
  }

  @Test
  void listsAreKept() {
    SourceConfig config =
        SourceConfig.parse(
            source(
                "labels",
                List.of("a", "b"),
                "skip_if_labeled",
                List.of("c"),
                "limit_old_versions",
                "3"));
    assertThat(config.labels()).containsExactly("a", "b");
    assertThat(config.skipIfLabeled()).containsExactly("c");
    assertThat(config.limitOldVersions()).isEqualTo(3);
  }
}
