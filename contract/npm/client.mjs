// What the smoke scripts share: their environment variables and the @octokit/rest client they
// drive a GitHub-compatible API with (no retries; Octokit's warnings and errors on stderr).
import { Octokit } from "@octokit/rest";

export function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}

// BASE_URL without trailing slashes, and REPO (owner/name) as [owner, repo].
export function apiAndRepo() {
  const baseUrl = env("BASE_URL").replace(/\/+$/, "");
  const [owner, repo, extra] = env("REPO").split("/");
  if (!owner || !repo || extra !== undefined) throw new Error(`REPO must be owner/name, got ${process.env.REPO}`);
  return { baseUrl, owner, repo };
}

export function newOctokit(baseUrl, userAgent) {
  return new Octokit({
    baseUrl,
    auth: env("TOKEN"),
    userAgent,
    request: { retries: 0 },
    log: { debug() {}, info() {}, warn: (m) => console.error(m), error: (m) => console.error(m) },
  });
}
