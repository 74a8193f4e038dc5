/** Sends a scan to a Rampart server, retrying with backoff; never loses it when the server cannot be reached. */
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

export type PushTarget = {
  server: string;
  project: string;
  environment: string;
  token?: string;
  format?: string;
  gitRef?: string;
  gitCommit?: string;
  message?: string;
  /**
   * Sent as the `Idempotency-Key` header: one per push (generated once per CLI run, kept by its retries and by
   * the saved-for-later command), so a retry after a lost answer stores once while a new run of the same
   * manifests is a new scan.
   */
  idempotencyKey?: string;
};

export type PushOutcome =
  | { kind: "stored"; status: number; scan: { id: string; created: boolean } }
  | { kind: "rejected"; status: number; error: string }
  | { kind: "unreachable"; error: string };

export function scansUrl(target: PushTarget): string {
  const url = new URL(`/api/v1/projects/${encodeURIComponent(target.project)}/scans`, target.server);
  url.searchParams.set("environment", target.environment);
  for (const key of ["format", "gitRef", "gitCommit", "message"] as const) {
    const value = target[key];
    if (value) url.searchParams.set(key, value);
  }
  return url.toString();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POSTs `body`. Network errors, 429 and 5xx are retried (`attempts` in all, doubling delays from `delayMs`);
 * other 4xx answers are final. Every attempt carries the same Idempotency-Key, so a retry after a lost response
 * stores once.
 */
export async function pushScan(
  target: PushTarget,
  body: string,
  {
    attempts = 4,
    delayMs = 500,
    onRetry,
  }: { attempts?: number; delayMs?: number; onRetry?: (msg: string) => void } = {},
): Promise<PushOutcome> {
  let lastError = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(scansUrl(target), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(target.idempotencyKey ? { "idempotency-key": target.idempotencyKey } : {}),
          ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
        },
        body,
        signal: AbortSignal.timeout(120_000),
      });
      const text = await response.text();
      let json: { scan?: { id: string; created: boolean }; error?: string } = {};
      try {
        json = JSON.parse(text);
      } catch {
        // A proxy's HTML error page: report the status.
      }
      if (response.ok && json.scan) return { kind: "stored", status: response.status, scan: json.scan };
      if (response.status < 500 && response.status !== 429) {
        return { kind: "rejected", status: response.status, error: json.error ?? `HTTP ${response.status}` };
      }
      lastError = `HTTP ${response.status}${json.error ? `: ${json.error}` : ""}`;
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      lastError = cause?.code ?? cause?.message ?? (err as Error).message;
    }
    if (attempt < attempts) {
      const wait = delayMs * 2 ** (attempt - 1);
      onRetry?.(`push failed (${lastError}); retrying in ${wait} ms (${attempt}/${attempts - 1})`);
      await sleep(wait);
    }
  }
  return { kind: "unreachable", error: lastError };
}

/** Keeps an unsent scan on disk and returns the exact command that sends it later. */
export function saveForLater(
  body: string,
  target: PushTarget,
  cwd: string,
  dir = "rampart-results",
): { file: string; command: string } {
  const folder = join(cwd, dir);
  mkdirSync(folder, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = join(folder, `${stamp}-${target.project}-${target.environment}.json`);
  writeFileSync(file, body);
  const shown = relative(cwd, file);
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
  const parts = [
    "npm run rampart -- push",
    quote(shown),
    `--server ${quote(target.server)}`,
    `--project ${quote(target.project)}`,
    `--environment ${quote(target.environment)}`,
    ...(target.gitRef ? [`--git-ref ${quote(target.gitRef)}`] : []),
    ...(target.gitCommit ? [`--git-commit ${quote(target.gitCommit)}`] : []),
    ...(target.message ? [`--message ${quote(target.message)}`] : []),
    ...(target.idempotencyKey ? [`--idempotency-key ${quote(target.idempotencyKey)}`] : []),
    ...(target.token ? ['--token "$RAMPART_TOKEN"'] : []),
  ];
  return { file: shown, command: parts.join(" ") };
}

/** Pushes and reports on stderr; returns the exit code: 0 stored, 2 rejected (bad input), 3 saved for later. */
export async function pushAndReport(
  pushTarget: PushTarget,
  body: string,
  io: { stderr: NodeJS.WritableStream; cwd: string; env: NodeJS.ProcessEnv },
): Promise<number> {
  const target = { ...pushTarget, idempotencyKey: pushTarget.idempotencyKey ?? randomUUID() };
  const attempts = Number(io.env.RAMPART_PUSH_ATTEMPTS) || 4;
  const delayMs = Number(io.env.RAMPART_PUSH_DELAY_MS) || 500;
  const outcome = await pushScan(target, body, {
    attempts,
    delayMs,
    onRetry: (msg) => io.stderr.write(`rampart: ${msg}\n`),
  });
  if (outcome.kind === "stored") {
    io.stderr.write(
      `rampart: ${outcome.scan.created ? "stored" : "already stored"} scan ${outcome.scan.id} in ${target.project}/${target.environment}\n`,
    );
    return 0;
  }
  if (outcome.kind === "rejected") {
    io.stderr.write(`rampart: the server rejected the scan (HTTP ${outcome.status}): ${outcome.error}\n`);
    return 2;
  }
  const saved = saveForLater(body, target, io.cwd);
  io.stderr.write(
    `rampart: cannot reach ${target.server} (${outcome.error}). The scan is saved in ${saved.file}; send it later with:\n  ${saved.command}\n`,
  );
  return 3;
}
