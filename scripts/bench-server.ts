// The benchmarks' server: `npm start` (scripts/start.mjs) with the given environment, its output appended to a log
// file (whose folder is created: a fresh clone has no .data), in a process group of its own so that start.mjs and
// the server it runs are stopped together (`process.kill(-pid)`). Each benchmark waits for readiness its own way.
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";

export function spawnLoggedServer(env: Record<string, string>, logFile: string): ChildProcess {
  mkdirSync(path.dirname(path.resolve(logFile)), { recursive: true });
  const log = createWriteStream(logFile);
  const server = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  return server;
}
