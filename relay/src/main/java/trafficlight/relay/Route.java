package trafficlight.relay;

import java.net.URI;
import trafficlight.concourse.ConcourseUrls;
import trafficlight.concourse.PipelineRef;
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
    return new ConcourseUrls(concourse, team, pipeline).checkWebhook(resource, webhookToken);
  }

  /** {@code team/pipeline/resource}: how logs and answers name the route, without its token. */
  public String name() {
    return team + "/" + pipeline + "/" + resource;
  }

  @Override
  public String toString() {
    return name();
  }
}
