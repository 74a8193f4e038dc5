#!/usr/bin/env node
// What the container image runs, without a container (none can be built here): the standalone server from a
// clean copy of the build output, as an unprivileged user (nobody, when run as root as CI does), with the
// application directory read-only and only a temp directory writable (Next's cache linked into it, as the
// image's emptyDir mount does), on a fresh PostgreSQL database. Checks /api/health, /api/ready, a page and a static
// asset, then stops the server and drops the database. Exits 1 naming the first failed check.
//   node scripts/test-image.mjs            (after `next build`; NEXT_DIST_DIR picks the build, IMAGE_TEST_PORT the port)
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { assembleStandalone } from "./standalone.mjs";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const port = Number(process.env.IMAGE_TEST_PORT ?? 3299);
const adminUrl = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
const started = performance.now();

const root = mkdtempSync(path.join(tmpdir(), "rampart-image-"));
chmodSync(root, 0o755); // nobody must reach the app folder inside
const app = path.join(root, "app");
const writable = path.join(root, "tmp");
cpSync(assembleStandalone(distDir), app, { recursive: true, verbatimSymlinks: true });
mkdirSync(writable, { mode: 0o700 });
if (asRoot) chownSync(writable, NOBODY, NOBODY);
symlinkSync(path.join(writable, "next-cache"), path.join(app, distDir, "cache"));
// Read-only for everyone, the owner included (a non-root run stays unable to write its own copy).
for (const entry of walk(app)) chmodSync(entry.path, entry.dir ? 0o555 : 0o444);

const database = `rampart_image_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${database}`;

const env = {
  PATH: process.env.PATH,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: String(port),
  HOSTNAME: "127.0.0.1",
  HOME: writable,
  TMPDIR: writable,
  RAMPART_DATA_DIR: path.join(writable, "rampart"),
  DATABASE_URL: databaseUrl.href,
  BETTER_AUTH_SECRET: "image-test-secret-image-test-secret",
};
const node = [process.execPath, "--require", "./peer-address.cjs", "server.js"];
const command = asRoot
  ? ["setpriv", "--reuid", String(NOBODY), "--regid", String(NOBODY), "--clear-groups", ...node]
  : node;
const server = spawn(command[0], command.slice(1), { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
let output = "";
server.stdout.on("data", (b) => (output += b));
server.stderr.on("data", (b) => (output += b));

try {
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`, 50_000);
  const health = await fetch(`${base}/api/health`);
  assert.equal(health.status, 200, "/api/health");
  assert.deepEqual(await health.json(), { status: "ok" }, "/api/health body");
  const ready = await fetch(`${base}/api/ready`);
  assert.equal(ready.status, 200, "/api/ready");
  assert.deepEqual(await ready.json(), { ready: true }, "/api/ready body");
  const page = await fetch(`${base}/sign-in`);
  assert.equal(page.status, 200, "/sign-in page");
  const html = await page.text();
  assert.match(html, /Rampart/, "/sign-in names Rampart");
  const asset = html.match(/\/_next\/static\/[^"]+\.(?:css|js)/)?.[0];
  assert.ok(asset, "the page links a static asset");
  assert.equal((await fetch(base + asset)).status, 200, `static asset ${asset}`);
  // The server ran as nobody, on PostgreSQL, and loaded the demo from the read-only copy.
  if (asRoot)
    assert.match(readFileSync(`/proc/${server.pid}/status`, "utf8"), /^Uid:\s+65534\s/m, "runs as nobody");
  assert.match(output, /PostgreSQL/i, "runs on PostgreSQL");
  assert.match(output, /loaded the demo program/, "loads the demo program");
  assert.doesNotMatch(output, /EACCES|EROFS|Error:/, "no write to a read-only path, no error");
  console.log(
    `image test: standalone server as ${asRoot ? "nobody" : "this user"}, read-only app, PostgreSQL: ` +
      `health, ready, page and asset ok in ${Math.round(performance.now() - started)} ms`,
  );
} catch (err) {
  console.error(
    `image test failed: ${err instanceof Error ? err.message : err}\n--- server output ---\n${output}`,
  );
  process.exitCode = 1;
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  for (const entry of walk(app)) if (entry.dir) chmodSync(entry.path, 0o755);
  rmSync(root, { recursive: true, force: true });
}

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    if (!entry.isSymbolicLink()) yield { path: full, dir: entry.isDirectory() };
  }
}
