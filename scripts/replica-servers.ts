import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assembleStandalone } from "./standalone.mjs";

// The production server run as separate processes (npm start: the standalone server the image runs), several on
// one database behind a round-robin proxy: used by the replica tests (test/replicas.test.ts) and by
// `npm run bench:web -- --replicas N`.

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The build the servers run (next.config.js distDir). */
export const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";

export type Server = {
  port: number;
  base: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** Starts `npm start` (scripts/start.mjs, which serves the production build) on `port`. */
export function startServer(port: number, env: Record<string, string>): Server {
  // Completed here, once, before servers are started together (each npm start would otherwise do it at once).
  assembleStandalone(DIST_DIR);
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

/**
 * A round-robin HTTP proxy (what a Kubernetes Service does) over `ports`, listening on `port` (default: any free
 * one); resolves once it listens.
 */
export async function roundRobinProxy(ports: number[], port = 0) {
  let next = 0;
  const proxy = http.createServer((req, res) => {
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: ports[next++ % ports.length],
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
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
  await new Promise<void>((resolve) => proxy.listen(port, "127.0.0.1", resolve));
  const address = proxy.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}
