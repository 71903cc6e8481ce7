package trafficlight.localhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * {@code /repos/{owner}/{repo}/deployments} and {@code .../deployments/{id}/statuses}: create and
 * list, as GitHub does them.
 *
 * <p>A deployment's {@code ref} must name a commit of the repository's code (422 "No ref found for:
 * REF" otherwise). Unless {@code auto_merge} is false, a ref that does not contain the head of the
 * default branch is 409, as when GitHub's merge of the default branch into it conflicts. {@code
 * required_contexts} is accepted and not checked: the hub has no commit statuses. A {@code success}
 * status makes earlier successful deployments to the same non-transient, non-production environment
 * inactive unless {@code auto_inactive} is false.
 */
record DeploymentsEndpoints(CodeRepositories code, DeploymentStore deployments) {
  private static final String CREATE_DOCS =
      "https://docs.github.com/rest/deployments/deployments#create-a-deployment";
  private static final String STATUS_DOCS =
      "https://docs.github.com/rest/deployments/statuses#create-a-deployment-status";
  private static final Set<String> STATES =
      Set.of("error", "failure", "inactive", "in_progress", "queued", "pending", "success");
  private static final int MAX_DESCRIPTION = 140;

  ApiResponse create(ApiCall call) {
    RepoState repo = call.repo(true, false);
    ObjectNode body = call.body();
    JsonNode refNode = body.get("ref");
    if (refNode == null || !refNode.isTextual() || refNode.asText().isEmpty()) {
      throw invalid("Invalid request.\n\n\"ref\" wasn't supplied.", CREATE_DOCS);
    }
    String ref = refNode.asText();
    Optional<GitCodeRepository> git = code.of(repo.repo);
    RevCommit commit =
        git.flatMap(g -> g.resolve(ref))
            .orElseThrow(() -> invalid("No ref found for: " + ref, CREATE_DOCS));
    if (body.path("auto_merge").asBoolean(true) && !containsDefaultBranch(git.get(), commit)) {
      String branch = git.get().defaultBranch();
      throw new ApiException(
          GitHubErrors.error(
              409, "Conflict merging " + branch + " into " + ref + ".", CREATE_DOCS));
    }
    String environment = text(body, "environment", "production");
    JsonNode payload = body.get("payload");
    if (payload == null
        || payload.isNull()
        || (payload.isTextual() && payload.asText().isEmpty())) {
      payload = Json.object();
    } else if (!payload.isObject() && !payload.isTextual()) {
      throw invalid(
          "Invalid request.\n\nFor 'properties/payload', "
              + payload
              + " is not an object or a string.",
          CREATE_DOCS);
    }
    JsonNode description = body.get("description");
    StoredDeployment deployment =
        new StoredDeployment(
            call.store.newId(),
            repo.repo.id(),
            commit.name(),
            ref,
            text(body, "task", "deploy"),
            payload,
            environment,
            description == null || description.isNull() ? null : description.asText(),
            call.principal.login(),
            body.path("transient_environment").asBoolean(false),
            body.path("production_environment").asBoolean("production".equals(environment)),
            call.store.clock().now());
    deployments.add(deployment);
    ObjectNode json = deployment(call, repo, deployment);
    return ApiResponse.json(201, json).header("location", json.get("url").asText());
  }

  ApiResponse list(ApiCall call) {
    RepoState repo = call.repo(false, false);
    String sha = call.param("sha", null);
    String ref = call.param("ref", null);
    String task = call.param("task", null);
    String environment = call.param("environment", null);
    List<StoredDeployment> matching =
        deployments.of(repo.repo).stream()
            .filter(d -> sha == null || d.sha().equals(sha))
            .filter(d -> ref == null || d.ref().equals(ref))
            .filter(d -> task == null || d.task().equals(task))
            .filter(d -> environment == null || d.environment().equals(environment))
            .toList();
    String linkBase = repoUrl(call, repo) + "/deployments";
    return Paging.respond(call.request, linkBase, matching, d -> deployment(call, repo, d));
  }

  ApiResponse createStatus(ApiCall call) {
    RepoState repo = call.repo(true, false);
    StoredDeployment deployment = deploymentOf(call, repo);
    ObjectNode body = call.body();
    String state = body.path("state").asText("");
    if (!STATES.contains(state)) {
      throw new ApiException(
          GitHubErrors.validationFailed(
              STATUS_DOCS, GitHubErrors.fieldError("DeploymentStatus", "invalid", "state")));
    }
    String description = text(body, "description", "");
    if (description.length() > MAX_DESCRIPTION) {
      throw new ApiException(
          GitHubErrors.validationFailed(
              STATUS_DOCS,
              GitHubErrors.tooLong("DeploymentStatus", "description", MAX_DESCRIPTION)));
    }
    String logUrl = text(body, "log_url", text(body, "target_url", ""));
    String environment =
        text(
            body,
            "environment",
            deployments
                .latestStatus(deployment.id())
                .map(StoredDeploymentStatus::environment)
                .orElse(deployment.environment()));
    Instant now = call.store.clock().now();
    StoredDeploymentStatus status =
        new StoredDeploymentStatus(
            call.store.newId(),
            deployment.id(),
            state,
            call.principal.login(),
            description,
            environment,
            logUrl,
            text(body, "environment_url", ""),
            now);
    if ("success".equals(state)
        && body.path("auto_inactive").asBoolean(true)
        && !deployment.transientEnvironment()
        && !deployment.productionEnvironment()) {
      deactivateEarlier(call, repo, deployment, environment, now);
    }
    deployments.addStatus(status);
    ObjectNode json = status(call, repo, status);
    return ApiResponse.json(201, json).header("location", json.get("url").asText());
  }

  ApiResponse listStatuses(ApiCall call) {
    RepoState repo = call.repo(false, false);
    StoredDeployment deployment = deploymentOf(call, repo);
    String linkBase = repoUrl(call, repo) + "/deployments/" + deployment.id() + "/statuses";
    return Paging.respond(
        call.request,
        linkBase,
        deployments.statusesOf(deployment.id()),
        s -> status(call, repo, s));
  }

  private void deactivateEarlier(
      ApiCall call, RepoState repo, StoredDeployment current, String environment, Instant now) {
    for (StoredDeployment other : deployments.of(repo.repo)) {
      if (other.id() == current.id() || !other.environment().equals(environment)) {
        continue;
      }
      Optional<StoredDeploymentStatus> latest = deployments.latestStatus(other.id());
      if (latest.isPresent() && "success".equals(latest.get().state())) {
        StoredDeploymentStatus previous = latest.get();
        deployments.addStatus(
            new StoredDeploymentStatus(
                call.store.newId(),
                other.id(),
                "inactive",
                call.principal.login(),
                "",
                previous.environment(),
                previous.logUrl(),
                previous.environmentUrl(),
                now));
      }
    }
  }

  private static boolean containsDefaultBranch(GitCodeRepository git, RevCommit commit) {
    Optional<RevCommit> head = git.resolve("heads/" + git.defaultBranch());
    if (head.isEmpty()) {
      return true;
    }
    return git.compare(head.get(), commit).map(c -> c.behindBy() == 0).orElse(false);
  }

  private StoredDeployment deploymentOf(ApiCall call, RepoState repo) {
    long id;
    try {
      id = Long.parseLong(call.pathPart("deployment"));
    } catch (NumberFormatException e) {
      throw new ApiException(GitHubErrors.notFound());
    }
    return deployments
        .get(repo.repo, id)
        .orElseThrow(() -> new ApiException(GitHubErrors.notFound()));
  }

  private static ApiException invalid(String message, String docs) {
    return new ApiException(GitHubErrors.error(422, message, docs));
  }

  private static String text(ObjectNode body, String field, String defaultValue) {
    JsonNode node = body.get(field);
    return node == null || node.isNull() ? defaultValue : node.asText();
  }

  private static String repoUrl(ApiCall call, RepoState repo) {
    return call.request.apiBase() + "/repos/" + repo.repo.fullName();
  }

  private ObjectNode deployment(ApiCall call, RepoState repo, StoredDeployment d) {
    String repoUrl = repoUrl(call, repo);
    String url = repoUrl + "/deployments/" + d.id();
    ObjectNode n = Json.object();
    n.put("url", url);
    n.put("id", d.id());
    n.put("node_id", ResponseRenderer.nodeId("DE", d.id()));
    n.put("sha", d.sha());
    n.put("ref", d.ref());
    n.put("task", d.task());
    n.set("payload", d.payload() == null ? new TextNode("") : d.payload().deepCopy());
    n.put("original_environment", d.environment());
    n.put("environment", d.environment());
    n.put("description", d.description());
    n.set("creator", call.render.user(d.creator()));
    n.put("created_at", Json.timestamp(d.createdAt()));
    Instant updated =
        deployments
            .latestStatus(d.id())
            .map(StoredDeploymentStatus::createdAt)
            .orElse(d.createdAt());
    n.put("updated_at", Json.timestamp(updated));
    n.put("statuses_url", url + "/statuses");
    n.put("repository_url", repoUrl);
    n.put("transient_environment", d.transientEnvironment());
    n.put("production_environment", d.productionEnvironment());
    n.putNull("performed_via_github_app");
    return n;
  }

  private ObjectNode status(ApiCall call, RepoState repo, StoredDeploymentStatus s) {
    String repoUrl = repoUrl(call, repo);
    String deploymentUrl = repoUrl + "/deployments/" + s.deploymentId();
    ObjectNode n = Json.object();
    n.put("url", deploymentUrl + "/statuses/" + s.id());
    n.put("id", s.id());
    n.put("node_id", ResponseRenderer.nodeId("DES", s.id()));
    n.put("state", s.state());
    n.set("creator", call.render.user(s.creator()));
    n.put("description", s.description());
    n.put("environment", s.environment());
    n.put("target_url", s.logUrl());
    n.put("created_at", Json.timestamp(s.createdAt()));
    n.put("updated_at", Json.timestamp(s.createdAt()));
    n.put("deployment_url", deploymentUrl);
    n.put("repository_url", repoUrl);
    n.put("environment_url", s.environmentUrl());
    n.put("log_url", s.logUrl());
    n.putNull("performed_via_github_app");
    return n;
  }
}
