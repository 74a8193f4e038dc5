/** `push`, `scan --push` and `diff`, through the real CLI process. */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
// The installed entry point (the esbuild bundle of lib/cli/main.ts, rebuilt when stale): far cheaper to spawn than tsx.
const BIN = join(ROOT, "bin/rampart.mjs");
const SNAPSHOTS = join(ROOT, "examples/maestro/snapshots");

function run(args: string[], cwd: string, env: Record<string, string> = {}, input?: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...process.env, NO_COLOR: "1", RAMPART_PUSH_DELAY_MS: "20", ...env }, timeout: 60_000 },
      (err, stdout, stderr) =>
        done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

// A stand-in for the server's ingest endpoint that answers from a script and records what it got.
type Received = { url: string; auth?: string; key?: string; body: string };
let server: Server | undefined;
async function fakeServer(statuses: number[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer(async (req: IncomingMessage, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    received.push({
      url: req.url ?? "",
      auth: req.headers.authorization,
      key: req.headers["idempotency-key"] as string | undefined,
      body,
    });
    const status = statuses[Math.min(received.length - 1, statuses.length - 1)];
    res.writeHead(status, { "content-type": "application/json" });
    res.end(
      JSON.stringify(status < 300 ? { scan: { id: "scan-1", created: status === 201 } } : { error: "boom" }),
    );
  });
  await new Promise<void>((r) => server?.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

const tmp = () => mkdtempSync(join(tmpdir(), "rampart-cli-"));

/** `rampart scan` of the baseline Deployment, pushed to `url` as maestro/production. */
const pushBaseline = (url: string) => [
  "scan",
  join(SNAPSHOTS, "01-baseline/infrastructure/kubernetes/deployment.yaml"),
  "--format",
  "json",
  "--push",
  url,
  "--project",
  "maestro",
  "--environment",
  "production",
];

// Each test spawns the CLI several times (a Node process each): at load 15-25 on 2 cores one spawn took 8-15 s, so
// 30 s per test timed out in a fresh clone's unit stage.
const SPAWNS = { timeout: 120_000 };

describe("scan --push", SPAWNS, () => {
  it("posts the JSON result with the metadata and token, retrying 5xx answers", async () => {
    const { url, received } = await fakeServer([503, 502, 201]);
    const r = await run(
      [
        "scan",
        join(SNAPSHOTS, "04-phase2-final/infrastructure/kubernetes"),
        "--format",
        "json",
        "--push",
        url,
        "--project",
        "maestro",
        "--environment",
        "production",
        "--git-commit",
        "71f0b6d",
        "--token",
        "rmp_secret",
      ],
      tmp(),
    );
    expect(r.stderr).toContain("retrying");
    expect(r.stderr).toContain("stored scan scan-1");
    expect(r.code).toBe(0);
    expect(received).toHaveLength(3);
    const last = received[2];
    expect(last.url).toBe("/api/v1/projects/maestro/scans?environment=production&gitCommit=71f0b6d");
    expect(last.auth).toBe("Bearer rmp_secret");
    expect(JSON.parse(last.body).workloads).toHaveLength(20);
  });

  // Issue 11: without a key per run, the server's content hash made a re-push of reverted manifests "already
  // stored". Each run sends its own key; its retries (and its saved-for-later command) send the same one.
  it("sends one Idempotency-Key per run: the same on every retry, a new one on the next run", async () => {
    const { url, received } = await fakeServer([503, 201, 201]);
    const args = pushBaseline(url);
    expect((await run(args, tmp())).code).toBe(0);
    expect((await run(args, tmp())).code).toBe(0);
    expect(received).toHaveLength(3);
    const [retried, first, second] = received.map((r) => r.key);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(retried).toBe(first);
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
  });

  it("keeps the scan on disk with the exact push command when the server cannot be reached", async () => {
    const cwd = tmp();
    const r = await run(pushBaseline("http://127.0.0.1:9"), cwd, { RAMPART_PUSH_ATTEMPTS: "2" });
    expect(r.code).toBe(3);
    const command = r.stderr.match(/npm run rampart -- push \S+ .*/)?.[0];
    expect(command).toBeDefined();
    const file = command?.split(" ")[5] as string;
    expect(existsSync(join(cwd, file))).toBe(true);
    expect(JSON.parse(readFileSync(join(cwd, file), "utf8")).schemaVersion).toBe(1);

    // The printed command sends it once the server is back.
    const { url, received } = await fakeServer([201]);
    const again = await run(
      ["push", file, "--server", url, "--project", "maestro", "--environment", "production"],
      cwd,
    );
    expect(again.code).toBe(0);
    expect(received[0].body).toBe(readFileSync(join(cwd, file), "utf8"));
    // Sent later, it is still the same push: the printed command carries the run's key.
    const key = command?.match(/--idempotency-key (\S+)/)?.[1];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    const resent = await run(
      [
        "push",
        file,
        "--server",
        url,
        "--project",
        "maestro",
        "--environment",
        "production",
        "--idempotency-key",
        key as string,
      ],
      cwd,
    );
    expect(resent.code).toBe(0);
    expect(received[1].key).toBe(key);
  });

  it("does not retry a 4xx: the server's error is shown and the exit code is 2", async () => {
    const { url, received } = await fakeServer([422]);
    const r = await run(pushBaseline(url), tmp());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("rejected the scan (HTTP 422): boom");
    expect(received).toHaveLength(1);
  });

  it("refuses --push without --project, naming the flag", async () => {
    const r = await run(
      ["scan", SNAPSHOTS, "--push", "http://127.0.0.1:9", "--environment", "production"],
      tmp(),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--project is required to push");
  });
});

describe("diff", SPAWNS, () => {
  async function resultOf(snapshot: string, cwd: string) {
    const file = join(cwd, `${snapshot}.json`);
    const r = await run(
      ["scan", join(SNAPSHOTS, snapshot, "infrastructure/kubernetes"), "--format", "json", "--output", file],
      cwd,
    );
    expect(r.code).toBe(0);
    return file;
  }

  it("reports the demo's regressions and fails the gate on them", async () => {
    const cwd = tmp();
    const [before, after] = [
      await resultOf("02-week1-complete", cwd),
      await resultOf("03-network-policies-pdbs", cwd),
    ];
    const markdown = await run(["diff", before, after, "--fail-on", "regression"], cwd);
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain("## Regressed");
    expect(markdown.stdout).toMatch(/maestro-worker/);
    const json = await run(["diff", before, after, "--format", "json"], cwd);
    expect(json.code).toBe(0);
    const diff = JSON.parse(json.stdout);
    expect(new Set(diff.regressed.map((c: { name: string }) => c.name))).toEqual(
      new Set(["maestro-worker", "feast-feature-server"]),
    );
    const forward = await run(
      ["diff", after, await resultOf("04-phase2-final", cwd), "--fail-on", "regression"],
      cwd,
    );
    expect(forward.code).toBe(0);
  });

  it("rejects a file that is not a scan result, naming it", async () => {
    const cwd = tmp();
    writeFileSync(join(cwd, "bad.json"), JSON.stringify({ hello: 1 }));
    const r = await run(["diff", "bad.json", "bad.json"], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad.json: schemaVersion");
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});

describe("push - (stdin)", SPAWNS, () => {
  it("sends kubectl's YAML List of policy reports, read from stdin, as JSON", async () => {
    const { url, received } = await fakeServer([201]);
    const yaml = readFileSync(join(ROOT, "lib/importers/samples/kyverno-policyreports.yaml"), "utf8");
    const args = ["push", "-", "--server", url, "--project", "maestro", "--environment", "production"];
    const r = await run(args, tmp(), {}, yaml);
    expect(r.code).toBe(0);
    const body = JSON.parse(received[0].body);
    expect(body.kind).toBe("List");
    expect(body.items).toHaveLength(4);
    expect(body.items[0].results[0].policy).toBe("disallow-privileged-containers");
  });

  it("refuses YAML that does not parse, naming stdin and the line", async () => {
    const r = await run(
      ["push", "-", "--server", "http://127.0.0.1:9", "--project", "p", "--environment", "e"],
      tmp(),
      {},
      "a: [1,\nb: 2\n",
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/stdin: not valid JSON or YAML \(document 1, line \d+/);
  });
});
