package trafficlight.resource.steps;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import trafficlight.gate.ApprovalRule;
import trafficlight.github.Credentials;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.PemPrivateKey;
import trafficlight.github.RepositoryName;
import trafficlight.resource.protocol.BuildMetadata;
import trafficlight.resource.protocol.ResourceException;

/**
 * The resource's {@code source}: every key of mitodl's resource, with the same meaning and
 * defaults.
 */
record SourceConfig(
    RepositoryName repository,
    GitHubEndpoint endpoint,
    Credentials credentials,
    String issueState,
    String issuePrefix,
    List<String> labels,
    List<String> assignees,
    Template titleTemplate,
    Template bodyTemplate,
    Integer limitOldVersions,
    List<String> skipIfLabeled,
    Duration timeout,
    ApprovalRule approval) {

  static final String DEFAULT_TITLE =
      "[bot] Pipeline {BUILD_PIPELINE_NAME} task {BUILD_JOB_NAME} completed";

  static final String DEFAULT_BODY =
      """
      The task {BUILD_JOB_NAME} in pipeline {BUILD_PIPELINE_NAME} has completed build number {BUILD_NAME}.
      Please refer to [the build log]({BUILD_URL}) for details of what changes this includes.
      Closing this issue will trigger the next job in the pipeline {BUILD_PIPELINE_NAME}.
      """;

  static final Set<String> KEYS =
      Set.of(
          "repository",
          "gh_host",
          "auth_method",
          "access_token",
          "app_id",
          "app_installation_id",
          "private_ssh_key",
          "issue_state",
          "issue_prefix",
          "labels",
          "assignees",
          "issue_title_template",
          "issue_body_template",
          "limit_old_versions",
          "skip_if_labeled",
          "timeout",
          "approvers",
          "forbid_self_approval");

  /** Keys whose values are secrets: they never enter a cache key or a cache file. */
  static final Set<String> SECRET_KEYS = Set.of("access_token", "private_ssh_key");

  static SourceConfig parse(Map<String, Object> source) {
    ConfigReader read = new ConfigReader("source", source, KEYS);
    RepositoryName repository;
    try {
      repository =
          RepositoryName.parse(
              read.requiredString("repository", "repository: my-org/deploy-gates"));
    } catch (IllegalArgumentException e) {
      throw new ResourceException("source key " + e.getMessage());
    }
    GitHubEndpoint endpoint;
    try {
      endpoint = GitHubEndpoint.parse(read.string("gh_host", GitHubEndpoint.GITHUB_COM));
    } catch (IllegalArgumentException e) {
      throw new ResourceException("source key " + e.getMessage());
    }
    Long limit = read.positiveNumber("limit_old_versions");
    Long timeout = read.positiveNumber("timeout");
    String issueState = read.choice("issue_state", "closed", List.of("open", "closed"));
    ApprovalRule approval = approval(read, issueState);
    return new SourceConfig(
        repository,
        endpoint,
        credentials(read),
        issueState,
        read.string("issue_prefix", ""),
        read.strings("labels"),
        read.strings("assignees"),
        Template.parse(
            "issue_title_template",
            read.string("issue_title_template", DEFAULT_TITLE),
            BuildMetadata.NAMES),
        Template.parse(
            "issue_body_template",
            read.string("issue_body_template", DEFAULT_BODY),
            BuildMetadata.NAMES),
        limit == null ? null : (int) Math.min(limit, Integer.MAX_VALUE),
        read.strings("skip_if_labeled"),
        Duration.ofSeconds(timeout == null ? 30 : timeout),
        approval);
  }

  private static ApprovalRule approval(ConfigReader read, String issueState) {
    List<String> approvers = read.strings("approvers");
    Boolean forbidSelf = read.bool("forbid_self_approval");
    ApprovalRule rule;
    try {
      rule = ApprovalRule.of(approvers, Boolean.TRUE.equals(forbidSelf));
    } catch (IllegalArgumentException e) {
      throw new ResourceException("source key \"approvers\": " + e.getMessage());
    }
    if (rule.restricts() && !issueState.equals("closed")) {
      throw new ResourceException(
          "source keys \"approvers\" and \"forbid_self_approval\" say who may close a gate issue,"
              + " so they belong on a trigger resource (issue_state: closed), not on one with"
              + " issue_state: "
              + issueState);
    }
    return rule;
  }

  private static Credentials credentials(ConfigReader read) {
    String method = read.choice("auth_method", "token", List.of("token", "app"));
    if (method.equals("token")) {
      String token = read.string("access_token", null);
      return token == null || token.isBlank()
          ? new Credentials.Anonymous()
          : new Credentials.Token(token.strip());
    }
    Long appId = read.positiveNumber("app_id");
    Long installationId = read.positiveNumber("app_installation_id");
    String key = read.string("private_ssh_key", null);
    if (appId == null || installationId == null || key == null || key.isBlank()) {
      throw new ResourceException(
          "auth_method: app needs app_id, app_installation_id and private_ssh_key (the App's"
              + " .pem key) in source");
    }
    try {
      return new Credentials.App(appId, installationId, PemPrivateKey.parse(key));
    } catch (IllegalArgumentException e) {
      throw new ResourceException(e.getMessage());
    }
  }
}
