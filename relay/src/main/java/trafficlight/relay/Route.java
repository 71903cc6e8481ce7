package trafficlight.relay;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.IssueFilter;

/**
 * A Concourse resource that a closed issue can trigger: where its check webhook is, with its token,
 * and which issues its check takes as versions.
 *
 * @param repository the source's {@code repository}, {@code owner/name}
 * @param rule who may promote by closing the issue: the source's {@code approvers} and {@code
 *     forbid_self_approval}
 */
public record Route(
    String team,
    PipelineRef pipeline,
    String resource,
    String webhookToken,
    String repository,
    IssueFilter filter,
    ApprovalRule rule) {

  public Route {
    rule = rule == null ? ApprovalRule.ANYONE : rule;
  }

  /** A route whose source lets anyone promote. */
  public Route(
      String team,
      PipelineRef pipeline,
      String resource,
      String webhookToken,
      String repository,
      IssueFilter filter) {
    this(team, pipeline, resource, webhookToken, repository, filter, ApprovalRule.ANYONE);
  }

  /** Whether a delivery's issue is one this resource's check will find. */
  public boolean takes(String repositoryFullName, IssueFilter.Candidate issue) {
    return repository.equalsIgnoreCase(repositoryFullName) && filter.matches(issue);
  }

  /** Concourse's check webhook of this resource under {@code concourse}, token included. */
  URI webhook(URI concourse) {
    String base = concourse.toString().replaceAll("/+$", "");
    String instance = pipeline.query();
    return URI.create(
        base
            + "/api/v1/teams/"
            + segment(team)
            + "/pipelines/"
            + segment(pipeline.name())
            + "/resources/"
            + segment(resource)
            + "/check/webhook?webhook_token="
            + URLEncoder.encode(webhookToken, StandardCharsets.UTF_8)
            + (instance.isEmpty() ? "" : "&" + instance));
  }

  /** {@code team/pipeline/resource}: how logs and answers name the route, without its token. */
  public String name() {
    return team + "/" + pipeline + "/" + resource;
  }

  @Override
  public String toString() {
    return name();
  }

  private static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
