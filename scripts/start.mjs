#!/usr/bin/env node
// `npm start`: build once if there is no production build yet, then serve it. The server itself applies
// pending migrations (instrumentation.ts) before it opens the database.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { constants } from "node:os";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"];

// Runs `next <args>` and waits for it. A stop signal sent to this process (`kill`, a service manager, Ctrl-C) is
// passed on to the child, which closes the database and releases its lock before exiting; this process then exits
// with the child's code, so a failed start (database in use, read-only directory) fails `npm start` too.
function run(args, nodeOptions = []) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeOptions, nextBin, ...args], { stdio: "inherit", env });
    // A hang-up (closed terminal) stops the server cleanly too: Next.js and the database close on SIGTERM.
    const forward = (signal) => child.kill(signal === "SIGHUP" ? "SIGTERM" : signal);
    for (const signal of SIGNALS) process.on(signal, forward);
    child.on("exit", (code, signal) => {
      for (const s of SIGNALS) process.off(s, forward);
      resolve(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}

const distDir = process.env.NEXT_DIST_DIR || ".next";
if (!existsSync(`${distDir}/BUILD_ID`)) {
  console.log("No production build yet: running next build (about a minute, once).");
  const code = await run(["build"]);
  if (code !== 0) process.exit(code);
}
const port = process.env.PORT ?? "3000";
const hostname = process.env.HOST ?? "0.0.0.0";
// The preload tells route handlers the real TCP peer (rate limits: lib/http/client-address.ts).
const peerAddress = fileURLToPath(new URL("./peer-address.cjs", import.meta.url));
process.exit(await run(["start", "--port", port, "--hostname", hostname], ["--require", peerAddress]));
