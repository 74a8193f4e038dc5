#!/usr/bin/env node
// Completes a standalone build (next.config.js `output: "standalone"`) into a folder that runs on its own with
// `node --require ./peer-address.cjs server.js`: Next leaves out the browser assets (<distDir>/static) and
// public/, which a CDN could serve, and the peer-address preload is ours. Used by `npm start`, the Dockerfile
// and the tests that run the server the image runs. Usage: node scripts/standalone.mjs [distDir]
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));

/** The standalone folder of `distDir` (relative to the project), made complete; throws when there is none. */
export function assembleStandalone(distDir = process.env.NEXT_DIST_DIR || ".next") {
  const dist = path.resolve(root, distDir);
  const standalone = path.join(dist, "standalone");
  if (!existsSync(path.join(standalone, "server.js")))
    throw new Error(`${path.relative(root, standalone)}/server.js is missing: run \`next build\` first`);
  // Done once per build: servers started together from one tree (the replica tests, bench:web --replicas) would
  // otherwise overwrite the same files at the same time and fail on each other's half-copied ones.
  const marker = path.join(standalone, ".assembled");
  const build = readFileSync(path.join(dist, "BUILD_ID"), "utf8");
  if (existsSync(marker) && readFileSync(marker, "utf8") === build) return standalone;
  // The server looks for its build under the same relative distDir it was built with.
  const copy = (from, to) => cpSync(from, to, { recursive: true, force: true });
  copy(path.join(dist, "static"), path.join(standalone, path.relative(root, dist), "static"));
  if (existsSync(path.join(root, "public"))) copy(path.join(root, "public"), path.join(standalone, "public"));
  copy(path.join(root, "scripts", "peer-address.cjs"), path.join(standalone, "peer-address.cjs"));
  writeFileSync(marker, build);
  return standalone;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(assembleStandalone(process.argv[2]));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
