package trafficlight.resource.steps;

import java.util.List;
import java.util.Map;
import trafficlight.gate.ApprovalRule;
import trafficlight.gate.ResourceInterface.PutParam;
import trafficlight.github.RepositoryName;
import trafficlight.resource.protocol.ResourceException;

/**
 * The {@code put} step's params: mitodl's {@code labels}, {@code assignees} and {@code body_file};
 * {@code commit_from}, a git checkout whose commit the issue records for the board; {@code
 * code_repository}, {@code owner/name} of that commit's repository when the checkout's {@code
 * origin} does not name it; {@code next_stage}, the stage a close promotes to, as the chain spells
 * it (the generator sets it); {@code github_deployment}, whether to record the deploy as a GitHub
 * Deployment on the code repository too; {@code approvers} / {@code forbid_self_approval}, the rule
 * of the trigger resource that reads this issue (the generator copies them), recorded for readers
 * only: the trigger resource's source is what enforces it; and {@code approval}, the directory of
 * the trigger resource's get this deploy came from, whose approval the record names; {@code
 * pr_comments}, whether the pull requests the deploy carried get a comment that says where their
 * change is.
 *
 * @param approvers null when the param is not given
 * @param forbidSelfApproval null when the param is not given
 */
record PutParams(
    List<String> labels,
    List<String> assignees,
    String bodyFile,
    String commitFrom,
    String codeRepository,
    String nextStage,
    boolean githubDeployment,
    List<String> approvers,
    Boolean forbidSelfApproval,
    String approval,
    boolean prComments) {

  static PutParams parse(Map<String, Object> params) {
    var read = new ConfigReader<>("put params", params, PutParam.class);
    String codeRepository = read.string(PutParam.CODE_REPOSITORY, null);
    if (codeRepository != null) {
      try {
        codeRepository = RepositoryName.parse(codeRepository).toString();
      } catch (IllegalArgumentException e) {
        throw new ResourceException(
            "put param code_repository must be owner/name, got \"" + codeRepository + "\"");
      }
    }
    Boolean deployment = read.bool(PutParam.GITHUB_DEPLOYMENT);
    String commitFrom = read.string(PutParam.COMMIT_FROM, null);
    if (Boolean.TRUE.equals(deployment) && commitFrom == null) {
      throw new ResourceException(
          "put param github_deployment needs commit_from: a GitHub Deployment is of a commit");
    }
    Boolean prComments = read.bool(PutParam.PR_COMMENTS);
    if (Boolean.TRUE.equals(prComments) && commitFrom == null) {
      throw new ResourceException(
          "put param pr_comments needs commit_from: pull requests are found by the commits a"
              + " deploy carried");
    }
    List<String> approvers =
        params.containsKey(PutParam.APPROVERS.key()) ? read.strings(PutParam.APPROVERS) : null;
    Boolean forbidSelf = read.bool(PutParam.FORBID_SELF_APPROVAL);
    try {
      ApprovalRule.of(approvers == null ? List.of() : approvers, false);
    } catch (IllegalArgumentException e) {
      throw new ResourceException("put param approvers: " + e.getMessage());
    }
    return new PutParams(
        read.strings(PutParam.LABELS),
        read.strings(PutParam.ASSIGNEES),
        read.string(PutParam.BODY_FILE, null),
        commitFrom,
        codeRepository,
        read.string(PutParam.NEXT_STAGE, null),
        Boolean.TRUE.equals(deployment),
        approvers,
        forbidSelf,
        read.string(PutParam.APPROVAL, null),
        Boolean.TRUE.equals(prComments));
  }
}
