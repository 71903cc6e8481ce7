// Webhooks of a GitHub-compatible API, driven and checked with real third-party parts:
// @octokit/rest creates a repository hook pointing at a receiver this script runs, opens and
// closes an issue, lists the hook's deliveries and redelivers one; @octokit/webhooks-methods
// verifies the signature of every delivery received.
// Env: BASE_URL, TOKEN, REPO (owner/name), SECRET. Prints one JSON summary on stdout.
// Any error: message on stderr, exit code 1.
import http from "node:http";
import { apiAndRepo, env, newOctokit } from "./client.mjs";
import { verify } from "@octokit/webhooks-methods";

const received = [];
let wake = () => {};

function startReceiver() {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      wake();
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function waitFor(what, predicate, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = received.filter(predicate);
    if (found.length > 0) return found;
    if (Date.now() > deadline) {
      throw new Error(`no ${what} within ${timeoutMs} ms; got ${received.map(describe).join(", ")}`);
    }
    await new Promise((resolve) => {
      wake = resolve;
      setTimeout(resolve, 50);
    });
  }
}

function describe(d) {
  const action = JSON.parse(d.body).action;
  return d.headers["x-github-event"] + (action ? "." + action : "");
}

function is(event, action) {
  return (d) => d.headers["x-github-event"] === event && (action === undefined || JSON.parse(d.body).action === action);
}

async function main() {
  const { baseUrl, owner, repo } = apiAndRepo();
  const secret = env("SECRET");
  const octokit = newOctokit(baseUrl, "trafficlight-contract-webhooks");

  const server = await startReceiver();
  try {
    const url = `http://127.0.0.1:${server.address().port}/github`;
    const { data: hook } = await octokit.rest.repos.createWebhook({
      owner, repo, events: ["issues"], config: { url, content_type: "json", secret },
    });
    await waitFor("ping", is("ping"));

    const { data: issue } = await octokit.rest.issues.create({ owner, repo, title: "webhooks.mjs gate" });
    await octokit.rest.issues.update({ owner, repo, issue_number: issue.number, state: "closed", state_reason: "completed" });
    const [closed] = await waitFor("issues.closed", is("issues", "closed"));
    await waitFor("issues.opened", is("issues", "opened"));

    // An attempt is listed once it is over, a moment after the receiver got it.
    const closedGuid = closed.headers["x-github-delivery"];
    const guids = received.map((d) => d.headers["x-github-delivery"]);
    let deliveries = [];
    for (const deadline = Date.now() + 10000; ; ) {
      deliveries = await octokit.paginate(octokit.rest.repos.listWebhookDeliveries, {
        owner, repo, hook_id: hook.id, per_page: 1,
      });
      if (guids.every((g) => deliveries.some((d) => d.guid === g))) break;
      if (Date.now() > deadline) throw new Error(`not all of ${guids} listed: ${JSON.stringify(deliveries)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const listed = deliveries.find((d) => d.guid === closedGuid);
    await octokit.rest.repos.redeliverWebhookDelivery({ owner, repo, hook_id: hook.id, delivery_id: listed.id });
    await waitFor("the redelivery", (d) => d !== closed && d.headers["x-github-delivery"] === closedGuid);
    await octokit.rest.repos.deleteWebhook({ owner, repo, hook_id: hook.id });

    const checked = [];
    for (const d of received) {
      checked.push({
        event: d.headers["x-github-event"],
        action: JSON.parse(d.body).action ?? null,
        guid: d.headers["x-github-delivery"],
        hookId: d.headers["x-github-hook-id"],
        userAgent: d.headers["user-agent"],
        verified: await verify(secret, d.body, d.headers["x-hub-signature-256"]),
        verifiedWithAnotherSecret: await verify(secret + "!", d.body, d.headers["x-hub-signature-256"]),
      });
    }
    console.log(JSON.stringify({
      hookId: hook.id,
      listedDeliveries: deliveries.length,
      redeliveredGuid: closedGuid,
      closedSender: JSON.parse(closed.body).sender.login,
      received: checked,
    }));
  } finally {
    server.close();
  }
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
