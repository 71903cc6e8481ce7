// Sends GitHub's own example payloads (@octokit/webhooks-examples), titles and repository edited
// to match the relay's test pipeline, to a relay, signed with @octokit/webhooks-methods.
// Usage: RELAY_URL=http://127.0.0.1:PORT/github WEBHOOK_SECRET=... node send-examples.mjs
// Prints one JSON object per delivery: {name, status, expect}, where expect is the resource the
// delivery must trigger or null.
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { sign } from "@octokit/webhooks-methods";

const url = process.env.RELAY_URL;
const secret = process.env.WEBHOOK_SECRET;
const examples = JSON.parse(
  readFileSync(
    new URL("./node_modules/@octokit/webhooks-examples/api.github.com/index.json", import.meta.url),
  ),
);
const of = (event) => examples.find((e) => e.name === event).examples;

const REPOSITORY = "my-org/deploy-gates";
const QA = "[bot] Pulumi myapp applications.myapp.QA deployed.";
const PRODUCTION = "[bot] Pulumi myapp applications.myapp.Production deployed.";
const QA_LABELS = ["pipeline-workflow", "promotion-to-production"];

const copy = (value) => JSON.parse(JSON.stringify(value));
function gate(example, title, labels) {
  const payload = copy(example);
  payload.repository.full_name = REPOSITORY;
  payload.issue.title = title;
  if (labels) {
    payload.issue.labels = labels.map((name, i) => ({ id: i + 1, name, color: "ededed" }));
  }
  return payload;
}
function closedFrom(example, title, stateReason, labels) {
  const payload = gate(example, title, labels);
  payload.action = "closed";
  payload.issue.state = "closed";
  payload.issue.state_reason = stateReason;
  payload.issue.closed_at = "2019-05-15T15:21:00Z";
  return payload;
}

// GitHub's examples hold no closed issue: closed ones are made from the reopened example.
const reopened = of("issues").find((e) => e.action === "reopened");
const deliveries = [];
for (const example of of("issues")) {
  deliveries.push({ name: `issues.${example.action} (example)`, event: "issues", payload: gate(example, PRODUCTION), expect: null });
}
deliveries.push({ name: "issues.closed completed", event: "issues", payload: closedFrom(reopened, PRODUCTION, "completed"), expect: "production-gate" });
deliveries.push({ name: "issues.closed reason null", event: "issues", payload: closedFrom(reopened, PRODUCTION + " #12", null), expect: "production-gate" });
deliveries.push({ name: "issues.closed QA with labels", event: "issues", payload: closedFrom(reopened, QA, "completed", QA_LABELS), expect: "qa-gate" });
deliveries.push({ name: "issues.closed QA without labels", event: "issues", payload: closedFrom(reopened, QA, "completed", ["pipeline-workflow"]), expect: null });
deliveries.push({ name: "issues.closed not_planned", event: "issues", payload: closedFrom(reopened, PRODUCTION, "not_planned"), expect: null });
deliveries.push({ name: "issues.closed consumed", event: "issues", payload: closedFrom(reopened, "[CONSUMED #1]" + PRODUCTION, "completed"), expect: null });
const elsewhere = closedFrom(reopened, PRODUCTION, "completed");
elsewhere.repository.full_name = reopened.repository.full_name;
deliveries.push({ name: "issues.closed other repository", event: "issues", payload: elsewhere, expect: null });
for (const example of of("ping")) {
  deliveries.push({ name: "ping (example)", event: "ping", payload: example, expect: null });
}
for (const example of of("issue_comment")) {
  const payload = copy(example);
  payload.repository.full_name = REPOSITORY;
  payload.issue.title = PRODUCTION;
  deliveries.push({ name: `issue_comment.${example.action} (example)`, event: "issue_comment", payload, expect: null });
}

async function send({ name, event, payload, expect }, options = {}) {
  const json = JSON.stringify(payload);
  const form = options.form ? "payload=" + encodeURIComponent(json) : null;
  const body = form ?? json;
  const signature = options.badSignature ? await sign("not the secret", body) : await sign(secret, body);
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": form ? "application/x-www-form-urlencoded" : "application/json",
      "User-Agent": "GitHub-Hookshot/044aadd",
      "X-GitHub-Event": event,
      "X-GitHub-Delivery": randomUUID(),
      "X-GitHub-Hook-ID": "292430182",
      "X-Hub-Signature-256": signature,
    },
    body,
  });
  await response.text();
  console.log(JSON.stringify({ name, status: response.status, expect }));
}

for (const delivery of deliveries) {
  await send(delivery);
}
await send({ ...deliveries.find((d) => d.expect === "production-gate"), name: "form-encoded closed" }, { form: true });
await send({ ...deliveries.find((d) => d.expect === "qa-gate"), name: "wrongly signed", expect: null }, { badSignature: true });
