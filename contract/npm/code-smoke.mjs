// Smoke test of a code repository's endpoints with a real third-party client (@octokit/rest).
// Env: BASE_URL, TOKEN, REPO (owner/name), BASE_SHA and HEAD_SHA (HEAD descends from BASE).
// Reads HEAD by its 7-digit prefix, compares BASE...HEAD, creates a deployment of HEAD to QA with a
// success status, lists both back, and prints one JSON summary on stdout.
// Any error: message on stderr, exit code 1.
import { apiAndRepo, env, newOctokit } from "./client.mjs";

async function main() {
  const { baseUrl, owner, repo } = apiAndRepo();
  const base = env("BASE_SHA");
  const head = env("HEAD_SHA");
  const octokit = newOctokit(baseUrl, "trafficlight-contract-smoke");

  const { data: commit } = await octokit.rest.repos.getCommit({ owner, repo, ref: head.slice(0, 7) });
  const { data: comparison } = await octokit.rest.repos.compareCommitsWithBasehead({
    owner, repo, basehead: `${base}...${head}`,
  });
  const { data: deployment } = await octokit.rest.repos.createDeployment({
    owner, repo, ref: head, environment: "QA", production_environment: false,
    auto_merge: false, required_contexts: [], description: "code-smoke",
  });
  const { data: status } = await octokit.rest.repos.createDeploymentStatus({
    owner, repo, deployment_id: deployment.id, state: "success", log_url: "https://ci.example.com/b/1",
  });
  const deployments = await octokit.paginate(octokit.rest.repos.listDeployments, {
    owner, repo, environment: "QA", per_page: 100,
  });
  const statuses = await octokit.paginate(octokit.rest.repos.listDeploymentStatuses, {
    owner, repo, deployment_id: deployment.id, per_page: 100,
  });

  process.stdout.write(JSON.stringify({
    commit: { sha: commit.sha, message: commit.commit.message, author: commit.author && commit.author.login },
    comparison: {
      status: comparison.status, ahead_by: comparison.ahead_by, behind_by: comparison.behind_by,
      merge_base: comparison.merge_base_commit.sha, commits: comparison.commits.map((c) => c.sha),
    },
    deployment: { id: deployment.id, sha: deployment.sha, environment: deployment.environment },
    status: { state: status.state, log_url: status.log_url },
    deployments: deployments.map((d) => d.id),
    statuses: statuses.map((s) => s.state),
  }) + "\n");
}

main().catch((err) => {
  const status = err && err.status ? ` (HTTP ${err.status}${err.request ? ` ${err.request.method} ${err.request.url}` : ""})` : "";
  console.error(`code-smoke.mjs failed${status}: ${err && err.message ? err.message : err}`);
  process.exit(1);
});
