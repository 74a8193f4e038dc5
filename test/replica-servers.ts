import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { REPO_ROOT } from "./corpus";

// Helpers for tests that run the production server as separate processes (npm start, as deployed) on one
// PostgreSQL database: several replicas, a round-robin proxy in front, and the database they share.

export const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";

/** Why these tests cannot run here (no PostgreSQL named, no production build), or null. */
export function missingPrerequisite(): string | null {
  if (!process.env.TEST_DATABASE_URL) return "TEST_DATABASE_URL is not set";
  if (!existsSync(path.join(REPO_ROOT, DIST_DIR, "BUILD_ID")))
    return `no production build in ${DIST_DIR} (run next build first)`;
  return null;
}

/** A fresh database on the TEST_DATABASE_URL server; `drop()` removes it (and any session still on it). */
export async function freshDatabase(label: string) {
  const server = process.env.TEST_DATABASE_URL as string;
  const name = `rampart_${label}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    url: url.toString(),
    client,
    async drop() {
      await client.end().catch(() => {});
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

export type Server = {
  port: number;
  base: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** Starts `npm start` (scripts/start.mjs, which serves the production build) on `port`. */
export function startServer(port: number, env: Record<string, string>): Server {
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: REPO_ROOT,
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { port, base: `http://127.0.0.1:${port}`, child, output: () => output, exited };
}

/** Waits until the server answers /api/health with 200, or fails with its output. */
export async function waitUntilReady(server: Server, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null)
      throw new Error(`server on ${server.port} exited:\n${server.output()}`);
    const ok = await fetch(`${server.base}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server on ${server.port} not ready after ${timeoutMs} ms:\n${server.output()}`);
}

/** Stops a server with SIGTERM and waits for it (SIGKILL after `ms`, should it hang). */
export async function stopServer(server: Server, ms = 15_000) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited;
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), ms);
  const result = await server.exited;
  clearTimeout(timer);
  return result;
}

/** A round-robin HTTP proxy (what a Kubernetes Service does) over `ports`; resolves once it listens. */
export async function roundRobinProxy(ports: number[]) {
  let next = 0;
  const proxy = http.createServer((req, res) => {
    const port = ports[next++ % ports.length];
    const upstream = http.request(
      { host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  };
}
