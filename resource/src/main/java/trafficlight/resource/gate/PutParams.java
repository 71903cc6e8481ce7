package trafficlight.resource.gate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import trafficlight.github.RepositoryName;
import trafficlight.resource.protocol.ResourceException;

/**
 * The {@code put} step's params: mitodl's {@code labels}, {@code assignees} and {@code body_file};
 * {@code commit_from}, a git checkout whose commit the issue records for the board; {@code
 * code_repository}, {@code owner/name} of that commit's repository when the checkout's {@code
 * origin} does not name it; {@code next_stage}, the stage a close promotes to, as the chain spells
 * it (the generator sets it); {@code github_deployment}, whether to record the deploy as a GitHub
 * Deployment on the code repository too; and {@code approval}, the directory of the trigger
 * resource's get this deploy came from, whose approval the record names.
 */
record PutParams(
    List<String> labels,
    List<String> assignees,
    String bodyFile,
    String commitFrom,
    String codeRepository,
    String nextStage,
    boolean githubDeployment,
    String approval) {

  static PutParams parse(Map<String, Object> params) {
    ConfigReader read =
        new ConfigReader(
            "put params",
            params,
            Set.of(
                "labels",
                "assignees",
                "body_file",
                "commit_from",
                "code_repository",
                "next_stage",
                "github_deployment",
                "approval"));
    String codeRepository = read.string("code_repository", null);
    if (codeRepository != null) {
      try {
        codeRepository = RepositoryName.parse(codeRepository).toString();
      } catch (IllegalArgumentException e) {
        throw new ResourceException(
            "put param code_repository must be owner/name, got \"" + codeRepository + "\"");
      }
    }
    Boolean deployment = read.bool("github_deployment");
    String commitFrom = read.string("commit_from", null);
    if (Boolean.TRUE.equals(deployment) && commitFrom == null) {
      throw new ResourceException(
          "put param github_deployment needs commit_from: a GitHub Deployment is of a commit");
    }
    return new PutParams(
        read.strings("labels"),
        read.strings("assignees"),
        read.string("body_file", null),
        commitFrom,
        codeRepository,
        read.string("next_stage", null),
        Boolean.TRUE.equals(deployment),
        read.string("approval", null));
  }
}
