#!/usr/bin/env node
// `npm start`: build once if there is no production build yet, then serve it. The server itself applies
// pending migrations (instrumentation.ts) before it opens the database.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function run(args) {
  const result = spawnSync(process.execPath, [nextBin, ...args], { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const distDir = process.env.NEXT_DIST_DIR || ".next";
if (!existsSync(`${distDir}/BUILD_ID`)) {
  console.log("No production build yet: running next build (about a minute, once).");
  run(["build"]);
}
const port = process.env.PORT ?? "3000";
const hostname = process.env.HOST ?? "0.0.0.0";
run(["start", "--port", port, "--hostname", hostname]);
