// Smoke test of a GitHub-compatible API with a real third-party client (@octokit/rest).
// Env: BASE_URL (e.g. http://127.0.0.1:8080 or https://ghe.example.com/api/v3), TOKEN, REPO (owner/name).
// Creates 3 issues, lists them with pagination (per_page 2), comments on one, closes it, lists
// closed issues since a time taken before the close, and prints one JSON summary on stdout.
// Any error: message on stderr, exit code 1.
import { apiAndRepo, env, newOctokit } from "./client.mjs";

async function main() {
  const { baseUrl, owner, repo } = apiAndRepo();
  const octokit = newOctokit(baseUrl, "trafficlight-contract-smoke");

  const runId = `${Date.now()}-${process.pid}`;
  const created = [];
  for (let i = 1; i <= 3; i++) {
    const { data } = await octokit.rest.issues.create({
      owner, repo,
      title: `trafficlight smoke ${runId} #${i}`,
      body: "Created by contract/npm/smoke.mjs",
      labels: ["trafficlight-smoke"],
    });
    created.push(data.number);
  }

  let pages = 0;
  const listed = [];
  for await (const response of octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
    owner, repo, state: "open", labels: "trafficlight-smoke", per_page: 2,
  })) {
    pages++;
    for (const issue of response.data) listed.push(issue.number);
  }
  const viaPaginate = await octokit.paginate(octokit.rest.issues.listForRepo, {
    owner, repo, state: "open", labels: "trafficlight-smoke", per_page: 2,
  });

  const target = created[0];
  const { data: comment } = await octokit.rest.issues.createComment({
    owner, repo, issue_number: target, body: `smoke comment ${runId}`,
  });

  // GitHub timestamps have second precision; take the time a second early.
  const since = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const { data: closed } = await octokit.rest.issues.update({
    owner, repo, issue_number: target, state: "closed", state_reason: "completed",
  });

  const closedSince = await octokit.paginate(octokit.rest.issues.listForRepo, {
    owner, repo, state: "closed", since, per_page: 2,
  });

  const summary = {
    baseUrl,
    repo: `${owner}/${repo}`,
    created,
    listedOpen: listed,
    listedOpenPages: pages,
    paginatedOpen: viaPaginate.map((i) => i.number),
    allCreatedListed: created.every((n) => listed.includes(n)),
    comment: { id: comment.id, issue: target, body: comment.body },
    closed: { number: closed.number, state: closed.state, state_reason: closed.state_reason, closed_at: closed.closed_at },
    since,
    closedSince: closedSince.map((i) => i.number),
    closedIssueListedSince: closedSince.some((i) => i.number === target),
  };
  process.stdout.write(JSON.stringify(summary) + "\n");
}

main().catch((err) => {
  const status = err && err.status ? ` (HTTP ${err.status}${err.request ? ` ${err.request.method} ${err.request.url}` : ""})` : "";
  const cause = err && err.cause ? `: ${err.cause.code || ""} ${err.cause.message || err.cause}` : "";
  console.error(`smoke.mjs failed${status}: ${err && err.message ? err.message : err}${cause}`);
  process.exit(1);
});
