#!/usr/bin/env node
// `npm start`: build once if there is no production build yet, then serve it with the standalone server (the one
// the container image runs: scripts/standalone.mjs). The server itself applies pending migrations
// (instrumentation.ts) before it opens the database.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { constants } from "node:os";
import path from "node:path";
import { assembleStandalone } from "./standalone.mjs";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"];

// Runs `node <args>` and waits for it. A stop signal sent to this process (`kill`, a service manager, Ctrl-C) is
// passed on to the child, which closes the database and releases its lock before exiting; this process then exits
// with the child's code, so a failed start (database in use, read-only directory) fails `npm start` too.
function run(args, childEnv = env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: "inherit", env: childEnv });
    // A hang-up (closed terminal) stops the server cleanly too: Next.js and the database close on SIGTERM.
    // The server exits within 10 s of a stop signal (lib/db/close-on-shutdown.ts) unless its event loop is blocked
    // (a long synchronous step of an ingest on a starved CPU): from out here, that bound holds regardless. A
    // transaction cut off this way rolls back.
    let deadline;
    const forward = (signal) => {
      child.kill(signal === "SIGHUP" ? "SIGTERM" : signal);
      deadline ??= setTimeout(() => child.kill("SIGKILL"), 9_800).unref();
    };
    for (const signal of SIGNALS) process.on(signal, forward);
    child.on("exit", (code, signal) => {
      clearTimeout(deadline);
      for (const s of SIGNALS) process.off(s, forward);
      resolve(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}

const distDir = process.env.NEXT_DIST_DIR || ".next";
if (!existsSync(`${distDir}/standalone/server.js`)) {
  console.log("No production build yet: running next build (about a minute, once).");
  const code = await run([nextBin, "build"]);
  if (code !== 0) process.exit(code);
}
const standalone = assembleStandalone(distDir);
const serverEnv = {
  ...env,
  PORT: process.env.PORT ?? "3000",
  HOSTNAME: process.env.HOST ?? "0.0.0.0",
  // The standalone server runs in its own folder (it changes directory there): a relative data directory still
  // means the one beside where `npm start` was run.
  RAMPART_DATA_DIR: path.resolve(process.env.RAMPART_DATA_DIR ?? ".data"),
};
// The preload tells route handlers the real TCP peer (rate limits: lib/http/client-address.ts).
const peerAddress = path.join(standalone, "peer-address.cjs");
process.exit(await run(["--require", peerAddress, path.join(standalone, "server.js")], serverEnv));
