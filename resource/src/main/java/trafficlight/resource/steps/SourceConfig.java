package trafficlight.resource.steps;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.ResourceInterface.IssueState;
import trafficlight.gate.ResourceInterface.SourceKey;
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

  /** Keys whose values are secrets: they never enter a cache key or a cache file. */
  static final Set<String> SECRET_KEYS = SourceKey.secrets();

  static SourceConfig parse(Map<String, Object> source) {
    var read = new ConfigReader<>("source", source, SourceKey.class);
    RepositoryName repository;
    try {
      repository =
          RepositoryName.parse(
              read.requiredString(SourceKey.REPOSITORY, "repository: my-org/deploy-gates"));
    } catch (IllegalArgumentException e) {
      throw new ResourceException("source key " + e.getMessage());
    }
    GitHubEndpoint endpoint;
    try {
      endpoint = GitHubEndpoint.parse(read.string(SourceKey.GH_HOST, GitHubEndpoint.GITHUB_COM));
    } catch (IllegalArgumentException e) {
      throw new ResourceException("source key " + e.getMessage());
    }
    Long limit = read.positiveNumber(SourceKey.LIMIT_OLD_VERSIONS);
    Long timeout = read.positiveNumber(SourceKey.TIMEOUT);
    String issueState =
        read.choice(
            SourceKey.ISSUE_STATE,
            IssueState.CLOSED.value(),
            List.of(IssueState.OPEN.value(), IssueState.CLOSED.value()));
    ApprovalRule approval = approval(read, issueState);
    return new SourceConfig(
        repository,
        endpoint,
        credentials(read),
        issueState,
        read.string(SourceKey.ISSUE_PREFIX, ""),
        read.strings(SourceKey.LABELS),
        read.strings(SourceKey.ASSIGNEES),
        Template.parse(
            SourceKey.ISSUE_TITLE_TEMPLATE.key(),
            read.string(SourceKey.ISSUE_TITLE_TEMPLATE, DEFAULT_TITLE),
            BuildMetadata.NAMES),
        Template.parse(
            SourceKey.ISSUE_BODY_TEMPLATE.key(),
            read.string(SourceKey.ISSUE_BODY_TEMPLATE, DEFAULT_BODY),
            BuildMetadata.NAMES),
        limit == null ? null : (int) Math.min(limit, Integer.MAX_VALUE),
        read.strings(SourceKey.SKIP_IF_LABELED),
        Duration.ofSeconds(timeout == null ? 30 : timeout),
        approval);
  }

  private static ApprovalRule approval(ConfigReader<SourceKey> read, String issueState) {
    List<String> approvers = read.strings(SourceKey.APPROVERS);
    Boolean forbidSelf = read.bool(SourceKey.FORBID_SELF_APPROVAL);
    ApprovalRule rule;
    try {
      rule = ApprovalRule.of(approvers, Boolean.TRUE.equals(forbidSelf));
    } catch (IllegalArgumentException e) {
      throw new ResourceException("source key \"approvers\": " + e.getMessage());
    }
    if (rule.restricts() && !issueState.equals(IssueState.CLOSED.value())) {
      throw new ResourceException(
          "source keys \"approvers\" and \"forbid_self_approval\" say who may close a gate issue,"
              + " so they belong on a trigger resource (issue_state: closed), not on one with"
              + " issue_state: "
              + issueState);
    }
    return rule;
  }

  private static Credentials credentials(ConfigReader<SourceKey> read) {
    String method = read.choice(SourceKey.AUTH_METHOD, "token", List.of("token", "app"));
    if (method.equals("token")) {
      String token = read.string(SourceKey.ACCESS_TOKEN, null);
      return token == null || token.isBlank()
          ? new Credentials.Anonymous()
          : new Credentials.Token(token.strip());
    }
    Long appId = read.positiveNumber(SourceKey.APP_ID);
    Long installationId = read.positiveNumber(SourceKey.APP_INSTALLATION_ID);
    String key = read.string(SourceKey.PRIVATE_SSH_KEY, null);
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
