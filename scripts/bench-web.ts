// `npm run bench:web`: latency of the dashboard's pages and JSON APIs on a production build, and each page's
// first-load JS. Figures printed, never asserted (targets: p95 < 150 ms at 10 concurrent, first-load JS < 200 kB gzip).
//   1. Seeds a fresh database with the Maestro demo scaled up: its program, and --scans scans (default 100) of
//      --copies copies (default 25) of its 20 production workloads, i.e. 500 components. Each copy is the whole
//      manifest tree with every namespace renamed (maestro → maestro-r3), so copies are distinct components with
//      their own network policies and PDBs; copy 0 keeps the real names (the demo's exceptions apply to it). The
//      scans walk through the four snapshots in time order, with distinct idempotency keys: each snapshot's first
//      scan is scanned and stored by the real scanFiles and createScan (the same path as the CLI's push and the
//      demo), its later scans are SQL copies of that one (createScan would store the same rows, seconds slower).
//      Database: a fresh PGlite directory (.data/bench-web, the default embedded database), or with
//      --database-url a dedicated database `rampart_bench_web` created afresh on that PostgreSQL server.
//   2. Starts the real server (`node scripts/start.mjs`, i.e. `npm start`) on 127.0.0.1:--port with that
//      database, warms each route up, then runs autocannon on it: --connections (10) concurrent connections for
//      --duration seconds (10), at most --max-requests (3000) requests. The program is public: no sign-in.
//   3. Per route, one request at a time (--sequential, default 20): the server's CPU time per request (every
//      thread of the `next start` process, from /proc/<pid>/task/*/schedstat: rendering, GC and the database
//      driver; PGlite runs in-process, so its queries count there too) and, on PostgreSQL, the database
//      transactions per request (pg_stat_database.xact_commit: each Prisma query outside a transaction is one, so
//      this is the query count an N+1 would multiply). The median of each is printed beside the load average.
//   4. Prints p50/p95 per route (from every response's own latency) with the 1-minute load average, then the
//      first-load JS of every page computed from the build manifests (gzip), as `next build` no longer prints it.
// Options: --database-url URL --copies N --scans N --duration S --connections N --max-requests N --port P
//          --sequential N --reuse (keep an already seeded database) --only overview,components… (route names)
//          --data-dir DIR (PGlite directory, default .data/bench-web). The build is NEXT_DIST_DIR (default .next).
//          --database-name NAME (PostgreSQL, default rampart_bench_web): two benches on one server keep apart.
//          --replicas N (with --database-url): N servers on ports --port+1… on the one database, benched through a
//          round-robin proxy on --port (scripts/replica-servers.ts, as the replica tests run them; the proxy runs
//          in this process, and the CPU per request is summed over the N servers).
//          --cpu-prof DIR: the server runs with node --cpu-prof and writes its V8 CPU profile (.cpuprofile) into DIR
//          when it stops (open it in Chrome DevTools; combine with --only to profile one route).
// Runs under tsx with the react-server condition, so lib/server's `server-only` marker resolves to nothing.
import { type ChildProcess, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { parseAllDocuments } from "yaml";
import { collectInputs } from "../lib/cli/files";
import { parseProgramOrThrow, parseSnapshotList } from "../lib/program";
import { parseExceptionList, parseProjectConfig, type ScanResult, scanFiles } from "../lib/scanner";
import { SYSTEM } from "../lib/server/actor";
import { createProgram } from "../lib/server/create-program";
import { createScan } from "../lib/server/create-scan";
import { closeConnection, getDb } from "../lib/server/db";
import { loadDemoProgram } from "../lib/server/load-demo-program";
import { spawnLoggedServer } from "./bench-server";
import { firstLoadJs } from "./first-load-js";
import { roundRobinProxy, startServer as startReplica, stopServer, waitUntilReady } from "./replica-servers";
import { storeScanAggregates } from "../lib/server/store-scan-aggregates";

const { values } = parseArgs({
  options: {
    "database-url": { type: "string" },
    copies: { type: "string", default: "25" },
    scans: { type: "string", default: "100" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    "max-requests": { type: "string", default: "3000" },
    port: { type: "string", default: "3290" },
    reuse: { type: "boolean", default: false },
    only: { type: "string" },
    sequential: { type: "string", default: "20" },
    "data-dir": { type: "string", default: ".data/bench-web" },
    "database-name": { type: "string", default: "rampart_bench_web" },
    replicas: { type: "string", default: "1" },
    "cpu-prof": { type: "string" },
  },
});

const SLUG = "maestro-scaled";
const HOST = "127.0.0.1"; // loopback only
const PORT = Number(values.port);
const BASE = `http://${HOST}:${PORT}`;
const DEMO = path.join(process.cwd(), "examples", "maestro");
const DATA_DIR = values["data-dir"];
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
/** The server's output, beside the PGlite directory; its folder is created first (a fresh clone has no .data). */
const SERVER_LOG = `${DATA_DIR}-server.log`;
const BENCH_DATABASE = values["database-name"];
const CLUSTER_SCOPED = new Set([
  "Namespace",
  "ClusterRole",
  "ClusterRoleBinding",
  "PriorityClass",
  "StorageClass",
]);

// ---- 1. Seed ---------------------------------------------------------------------------------------------

/** Every namespaced object moves to `<namespace><suffix>`; cluster-scoped objects are renamed likewise. */
function renameNamespaces(text: string, suffix: string): string {
  if (!suffix) return text;
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return text;
  return docs
    .flatMap((doc) => {
      if (doc.contents === null) return [];
      const kind = String(doc.get("kind") ?? "");
      if (CLUSTER_SCOPED.has(kind))
        doc.setIn(["metadata", "name"], `${doc.getIn(["metadata", "name"])}${suffix}`);
      else
        doc.setIn(["metadata", "namespace"], `${doc.getIn(["metadata", "namespace"]) ?? "default"}${suffix}`);
      return [doc.toString()];
    })
    .join("---\n");
}

async function databaseEnv(): Promise<Record<string, string>> {
  const server = values["database-url"];
  if (!server) {
    if (!values.reuse) rmSync(DATA_DIR, { recursive: true, force: true });
    mkdirSync(DATA_DIR, { recursive: true });
    return { DATABASE_URL: "", RAMPART_DATA_DIR: DATA_DIR };
  }
  const url = new URL(server);
  if (!values.reuse) {
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${BENCH_DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${BENCH_DATABASE}"`);
    await admin.end();
  }
  url.pathname = `/${BENCH_DATABASE}`;
  return { DATABASE_URL: url.toString() };
}

async function seed(copies: number, scans: number) {
  const db = await getDb(); // opens and migrates
  if (await db.project.findUnique({ where: { slug: SLUG } })) {
    console.log(`Reusing the seeded "${SLUG}" program.`);
    return;
  }
  const read = (file: string) => readFile(path.join(DEMO, file), "utf8");
  const parsed = parseProgramOrThrow(await read("program.yaml"), "examples/maestro/program.yaml");
  const program = { ...parsed, project: { ...parsed.project, slug: SLUG, name: "Maestro (scaled)" } };
  const config = parseProjectConfig(await read("rampart.yaml"), "rampart.yaml");
  const exceptions = parseExceptionList(await read("exceptions.yaml"), "exceptions.yaml");
  const list = parseSnapshotList(await read("snapshots.yaml"), "snapshots.yaml");
  if (!list.ok) throw new Error(list.errors.join("\n"));
  await createProgram({ program, config, exceptions, createdBy: "bench-web", visibility: "public" });

  // One scan result per snapshot: its production tree, copied `copies` times.
  const snapshots = list.list.snapshots;
  const results: ScanResult[] = [];
  for (const snapshot of snapshots) {
    const root = path.join(DEMO, "snapshots", snapshot.dir);
    const production = snapshot.environments.find((e) => e.name === "production");
    if (!production) throw new Error(`snapshot ${snapshot.dir} has no production tree`);
    const inputs = collectInputs(production.paths, root);
    const originals = await Promise.all(
      inputs.map(async (f) => ({ path: f.path, content: await readFile(path.join(root, f.path), "utf8") })),
    );
    const files = Array.from({ length: copies }, (_, k) =>
      originals.map((f) => ({
        path: `copy-${k}/${f.path}`,
        content: renameNamespaces(f.content, k ? `-r${k}` : ""),
      })),
    ).flat();
    results.push(scanFiles(files, { config, now: new Date(snapshot.takenAt) }));
  }
  console.log(
    `Seeding ${scans} scans of ${results[0].workloads.length} components (${copies} copies of the demo's production)…`,
  );
  const first = Date.parse(snapshots[0].takenAt);
  const last = Date.parse(snapshots[snapshots.length - 1].takenAt);
  const started = performance.now();
  /** The scan stored by createScan for each snapshot: the later scans of that snapshot are copies of it. */
  const templates = new Map<number, string>();
  for (let i = 0; i < scans; i++) {
    const step = Math.min(snapshots.length - 1, Math.floor((i * snapshots.length) / scans));
    const takenAt = new Date(first + ((last - first) * i) / Math.max(1, scans - 1));
    const meta = {
      takenAt,
      message: `bench scan ${i + 1} (${snapshots[step].dir})`,
      idempotencyKey: `bench-web-${i}`,
    };
    const template = templates.get(step);
    if (template) {
      await copyScan(template, meta);
    } else {
      const created = await createScan({
        actor: SYSTEM,
        projectSlug: SLUG,
        meta: {
          environment: "production",
          takenAt: takenAt.toISOString(),
          gitRef: snapshots[step].gitRef,
          message: meta.message,
          idempotencyKey: meta.idempotencyKey,
        },
        result: results[step],
        source: "rampart",
      });
      templates.set(step, created.id);
    }
    if ((i + 1) % 10 === 0) {
      console.log(
        `  ${i + 1}/${scans} scans stored (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
  }
  const backfill = performance.now();
  const aggregated = await storeScanAggregates(await getDb());
  console.log(
    `  aggregates of the ${aggregated} copied scans written in ${((performance.now() - backfill) / 1000).toFixed(1)} s`,
  );
}

const SCAN_COPIED = `"projectId", "environmentId", source, tool, "toolVersion", "gitRef", "gitCommit", "partialEvidence", evidence, "workloadCount", "errorCount", summary, objects, namespaces, errors, notes, "otherFindings", files`;
const WORKLOAD_COPIED = `"componentId", "apiVersion", file, document, line, category, pattern, "patternSource", "pssLevel", labels, "podLabels", containers, features`;
const RESULT_COPIED = `"componentId", "controlId", status, message, containers, exception, "expiredException"`;

/**
 * Stores a copy of a stored scan (another time, message and key) with its workloads and results, in one
 * transaction of three INSERT … SELECT: the seed's scans of one snapshot are identical (createScan stored the same
 * result for each), and this takes a fraction of a second where createScan takes seconds per 13,500 results, so
 * the 400-scan history can be seeded. The scan's aggregates are then computed by the same backfill that an
 * upgraded database runs (storeScanAggregates).
 */
async function copyScan(
  templateId: string,
  meta: { takenAt: Date; message: string; idempotencyKey: string },
) {
  const db = await getDb();
  const id = randomUUID();
  await db.$transaction([
    db.$executeRawUnsafe(
      `INSERT INTO "Scan" (id, "takenAt", message, "idempotencyKey", ${SCAN_COPIED}) SELECT $1, $2::timestamp, $3, $4, ${SCAN_COPIED} FROM "Scan" WHERE id = $5`,
      id,
      meta.takenAt.toISOString(),
      meta.message,
      meta.idempotencyKey,
      templateId,
    ),
    db.$executeRawUnsafe(
      `INSERT INTO "ScanWorkload" ("scanId", ${WORKLOAD_COPIED}) SELECT $1, ${WORKLOAD_COPIED} FROM "ScanWorkload" WHERE "scanId" = $2`,
      id,
      templateId,
    ),
    db.$executeRawUnsafe(
      `INSERT INTO "ControlResult" ("scanId", ${RESULT_COPIED}) SELECT $1, ${RESULT_COPIED} FROM "ControlResult" WHERE "scanId" = $2`,
      id,
      templateId,
    ),
  ]);
}

// ---- 2. Serve and measure ----------------------------------------------------------------------------------

/**
 * --cpu-prof DIR: Node 20 refuses --cpu-prof in NODE_OPTIONS, so the server (and start.mjs) preload a script that
 * starts V8's profiler through node:inspector and writes DIR/<pid>.cpuprofile on SIGUSR2 (sent by writeProfiles
 * before the server is stopped: a stopping server's exit path is not one the preload can rely on). Returns the
 * NODE_OPTIONS that preload it.
 */
function profilingPreload(dir: string): string {
  const folder = path.resolve(dir);
  mkdirSync(folder, { recursive: true });
  const preload = path.join(folder, "preload.cjs");
  writeFileSync(
    preload,
    `const { Session } = require("node:inspector");
const { renameSync, writeFileSync } = require("node:fs");
const session = new Session();
session.connect();
session.post("Profiler.enable");
session.post("Profiler.setSamplingInterval", { interval: 250 });
session.post("Profiler.start");
process.on("SIGUSR2", () => {
  session.post("Profiler.stop", (err, result) => {
    if (err) return;
    const file = ${JSON.stringify(folder)} + "/" + process.pid + ".cpuprofile";
    writeFileSync(file + ".part", JSON.stringify(result.profile));
    renameSync(file + ".part", file);
  });
});
`,
  );
  return `${process.env.NODE_OPTIONS ?? ""} --require ${preload}`.trim();
}

/** Asks every process of the server to write its profile (profilingPreload) and waits for the files. */
async function writeProfiles(pids: number[]) {
  const folder = path.resolve(values["cpu-prof"] as string);
  for (const pid of pids) process.kill(pid, "SIGUSR2");
  for (let i = 0; i < 120; i++) {
    if (pids.every((pid) => existsSync(path.join(folder, `${pid}.cpuprofile`)))) {
      console.log(`CPU profiles written: ${pids.map((pid) => `${folder}/${pid}.cpuprofile`).join(", ")}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`Some CPU profiles were not written in 60 s (${folder})`);
}

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const profile: Record<string, string> = values["cpu-prof"]
    ? { NODE_OPTIONS: profilingPreload(values["cpu-prof"]) }
    : {};
  const server = spawnLoggedServer(
    { ...env, ...profile, PORT: String(PORT), HOST, RAMPART_DEMO: "off" },
    SERVER_LOG,
  );
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited: see ${SERVER_LOG}`);
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (server.pid) process.kill(-server.pid, "SIGTERM"); // never leave it holding the port and the database
  throw new Error(`the server did not answer /api/health within 2 minutes: see ${SERVER_LOG}`);
}

/** --replicas N: N servers on the PostgreSQL database behind a round-robin proxy listening on --port. */
async function startReplicas(env: Record<string, string>, count: number) {
  if (!values["database-url"])
    throw new Error(
      "--replicas needs --database-url: replicas share one PostgreSQL database (PGlite admits one process)",
    );
  const servers = Array.from({ length: count }, (_, i) =>
    startReplica(PORT + 1 + i, { ...env, RAMPART_DEMO: "off" }),
  );
  try {
    await Promise.all(servers.map((s) => waitUntilReady(s)));
  } catch (err) {
    await Promise.all(servers.map((s) => stopServer(s)));
    throw err;
  }
  const proxy = await roundRobinProxy(
    servers.map((s) => s.port),
    PORT,
  );
  return {
    pids: servers.flatMap((s) => processTree(s.child.pid as number)),
    stop: async () => {
      await proxy.close();
      await Promise.all(servers.map((s) => stopServer(s)));
    },
  };
}

type Route = { name: string; kind: "page" | "api"; path: string };

type Figures = {
  route: Route;
  sequential: Sequential;
  p50: number;
  p95: number;
  requests: number;
  rps: number;
  errors: number;
  load: number;
};

/** NaN when no response came back in time (every request timed out). */
function percentile(sorted: number[], p: number) {
  return sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
    : Number.NaN;
}

async function measure(route: Route, pids: number[]): Promise<Figures> {
  const url = `${BASE}${route.path}`;
  for (let i = 0; i < 5; i++) {
    const response = await fetch(url);
    if (response.status !== 200) throw new Error(`${route.path} answered ${response.status}`);
    await response.arrayBuffer();
  }
  const t0 = process.hrtime.bigint() / 1000n;
  const sequential = await measureSequential(route, pids);
  // The one-at-a-time requests' window on the profile's clock (both CLOCK_MONOTONIC, µs): to cut the profile.
  if (values["cpu-prof"])
    console.log(`  [cpu-prof] ${route.name} sequential ${t0} ${process.hrtime.bigint() / 1000n}`);
  const latencies: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: Number(values.connections),
        duration: Number(values.duration),
        maxOverallRequests: Number(values["max-requests"]),
        timeout: 60, // seconds: a slow page is measured, not dropped as an error
      },
      (err, done) => (err ? reject(err) : resolve(done)),
    );
    // Every response's own latency, for an exact p95 (autocannon's summary has p90 and p97.5, not p95).
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode !== 200) errors++;
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    route,
    sequential,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    requests: latencies.length,
    rps: result.requests.average,
    errors: errors + result.errors + result.timeouts,
    load: loadavg()[0],
  };
}

// ---- 3. One request at a time: CPU time and queries ----------------------------------------------------------

/** The process and every descendant (start.mjs runs `next start` as a child). */
function processTree(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) => {
    try {
      return readFileSync(`/proc/${pid}/task/${task}/children`, "utf8")
        .split(" ")
        .filter(Boolean)
        .map(Number);
    } catch {
      return []; // the thread ended meanwhile
    }
  });
  return [pid, ...children.flatMap(processTree)];
}

/** CPU time in ns of every thread of the processes (schedstat's first field: time spent on a CPU). */
function cpuNs(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      try {
        total += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
      } catch {
        // a thread that ended between the listing and the read: its time is lost to both readings
      }
    }
  }
  return total;
}

/** Committed transactions of the bench database so far (null on PGlite), after the backends flush their stats. */
async function transactions(): Promise<number | null> {
  const server = values["database-url"];
  if (!server) return null;
  await new Promise((r) => setTimeout(r, 1200)); // an idle backend reports its counts within a second
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = $1",
      [BENCH_DATABASE],
    );
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

type Sequential = { cpuMs: number; queries: number | null; wallMs: number; load: number };

async function measureSequential(route: Route, pids: number[]): Promise<Sequential> {
  const url = `${BASE}${route.path}`;
  const count = Number(values.sequential);
  const cpu: number[] = [];
  const wall: number[] = [];
  const before = await transactions();
  for (let i = 0; i < count; i++) {
    const cpu0 = cpuNs(pids);
    const t0 = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    wall.push(performance.now() - t0);
    cpu.push((cpuNs(pids) - cpu0) / 1e6);
  }
  const after = await transactions();
  const median = (list: number[]) =>
    percentile(
      [...list].sort((a, b) => a - b),
      50,
    );
  return {
    cpuMs: median(cpu),
    wallMs: median(wall),
    queries: before === null || after === null ? null : (after - before) / count,
    load: loadavg()[0],
  };
}

// ---- 3b. Actions, and the demo's pages against /api/health -----------------------------------------------

/** The instance admin the server creates at start (bootstrapAdminFromEnv): the actions are signed-in calls. */
const ADMIN = { email: "bench-admin@example.com", password: "bench-web admin password 0123" };
const DEMO_SLUG = "maestro";

type ActionTargets = { milestone: string; criterion: string; period: string };

/** The seeded program's first milestone, first manual exit criterion and first period; and the demo, loaded once. */
async function actionTargets(): Promise<ActionTargets> {
  const db = await getDb();
  if (!(await db.project.findUnique({ where: { slug: DEMO_SLUG } })))
    await loadDemoProgram({ slug: DEMO_SLUG });
  const project = await db.project.findUniqueOrThrow({ where: { slug: SLUG }, select: { id: true } });
  const phase = { phase: { projectId: project.id } };
  const milestone = await db.milestone.findFirstOrThrow({
    where: { workStream: phase },
    orderBy: { position: "asc" },
  });
  const criteria = await db.exitCriterion.findMany({ where: phase, orderBy: { position: "asc" } });
  const criterion = criteria.find((c) => (c.rule as { type?: string }).type === "manual");
  if (!criterion) throw new Error("the seeded program has no manual exit criterion");
  const period = await db.period.findFirstOrThrow({ where: phase, orderBy: { position: "asc" } });
  return { milestone: milestone.id, criterion: criterion.id, period: period.key };
}

type ActionFigure = { name: string; wallMs: number; cpuMs: number; load: number };

/**
 * Each action the UI sends (signed in as the admin), one at a time, `--sequential` times: its median wall time
 * and server CPU. Ticks alternate with unticks, so every call changes something.
 */
async function measureActions(targets: ActionTargets, pids: number[]): Promise<ActionFigure[]> {
  const signIn = await fetch(`${BASE}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { origin: BASE, "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .find((c) => c.startsWith("rampart.session_token="))
    ?.split(";")[0];
  if (!cookie) throw new Error(`sign-in answered ${signIn.status} without a session cookie`);
  const api = `${BASE}/api/v1/projects/${SLUG}`;
  const call = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(url, {
      method,
      headers: { origin: BASE, cookie, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : null;
  };
  const exception = {
    selector: { namespace: "bench", name: "bench-web" },
    control: "run-as-non-root",
    justification: "bench:web action timing",
    owner: "bench",
  };
  let exceptionId = "";
  const actions: { name: string; run: (i: number) => Promise<unknown> }[] = [
    {
      name: "tick milestone",
      run: () => call("PUT", `${api}/milestones/${targets.milestone}/done`, { done: true }),
    },
    {
      name: "untick milestone",
      run: () => call("PUT", `${api}/milestones/${targets.milestone}/done`, { done: false }),
    },
    {
      name: "tick criterion",
      run: (i) => call("PUT", `${api}/exit-criteria/${targets.criterion}`, { met: i % 2 === 0 }),
    },
    {
      name: "add exception",
      run: async () => {
        exceptionId = (await call("POST", `${api}/exceptions`, exception)).exception.id;
      },
    },
    {
      name: "edit exception",
      run: (i) => call("PATCH", `${api}/exceptions/${exceptionId}`, { justification: `bench:web edit ${i}` }),
    },
    { name: "revoke exception", run: () => call("DELETE", `${api}/exceptions/${exceptionId}`) },
    {
      name: "save notes",
      run: (i) => call("PATCH", `${api}/periods/${targets.period}/notes`, { keyLearnings: `bench ${i}` }),
    },
  ];
  const count = Number(values.sequential);
  const samples = new Map(actions.map((a) => [a.name, { wall: [] as number[], cpu: [] as number[] }]));
  // Rounds of every action in order, so each tick has its untick and each exception edited and revoked exists.
  for (let i = 0; i < count; i++) {
    for (const action of actions) {
      const cpu0 = cpuNs(pids);
      const t0 = performance.now();
      await action.run(i);
      samples.get(action.name)?.wall.push(performance.now() - t0);
      samples.get(action.name)?.cpu.push((cpuNs(pids) - cpu0) / 1e6);
    }
  }
  return actions.map(({ name }) => {
    const s = samples.get(name) ?? { wall: [], cpu: [] };
    return { name, wallMs: median(s.wall), cpuMs: median(s.cpu), load: loadavg()[0] };
  });
}

const median = (list: number[]) =>
  percentile(
    [...list].sort((a, b) => a - b),
    50,
  );

type DemoFigure = { page: string; pageMs: number; healthMs: number; load: number };

/** The demo program's pages one request at a time, each interleaved with GET /api/health: median server time. */
async function measureDemo(): Promise<DemoFigure[]> {
  const timed = async (url: string) => {
    const t0 = performance.now();
    const response = await fetch(`${BASE}${url}`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    return performance.now() - t0;
  };
  const base = `/projects/${DEMO_SLUG}`;
  const pages = ["", "/components", "/roadmap", "/exit-criteria", "/scans", "/report"].map(
    (p) => `${base}${p}`,
  );
  const figures: DemoFigure[] = [];
  for (const page of pages) {
    for (let i = 0; i < 3; i++) await timed(page); // warm
    const pageMs: number[] = [];
    const healthMs: number[] = [];
    for (let i = 0; i < Number(values.sequential); i++) {
      healthMs.push(await timed("/api/health"));
      pageMs.push(await timed(page));
    }
    figures.push({ page, pageMs: median(pageMs), healthMs: median(healthMs), load: loadavg()[0] });
  }
  return figures;
}

// ---- 4. First-load JS: scripts/first-load-js.ts (shared with bench:browser) -----------------------------------

// ---- main ----------------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(path.join(DIST_DIR, "BUILD_ID"))) {
    console.log("No production build: running next build.");
    if (spawnSync("npm", ["run", "build"], { stdio: "inherit" }).status !== 0) process.exit(1);
  }
  const env = {
    ...(await databaseEnv()),
    RAMPART_ADMIN_EMAIL: ADMIN.email,
    RAMPART_ADMIN_PASSWORD: ADMIN.password,
  };
  Object.assign(process.env, env);
  const database = values["database-url"]
    ? `PostgreSQL (database ${BENCH_DATABASE})`
    : `PGlite (${DATA_DIR})`;
  await seed(Number(values.copies), Number(values.scans));
  const targets = await actionTargets();
  await closeConnection(); // PGlite: one process per data directory, and the server is the next one

  const replicas = Number(values.replicas);
  const serving = replicas > 1 ? `${replicas} replicas behind a round-robin proxy` : "one server";
  console.log(`Starting ${serving} on ${BASE} (${database})…`);
  const group = replicas > 1 ? await startReplicas(env, replicas) : null;
  const server = group ? null : await startServer(env);
  const figures: Figures[] = [];
  let actions: ActionFigure[] = [];
  let demo: DemoFigure[] = [];
  try {
    const scans = (await (await fetch(`${BASE}/api/v1/projects/${SLUG}/scans`)).json()).scans as {
      id: string;
    }[];
    const [latest, previous] = scans;
    const component = /\/components\/([0-9a-f-]{36})/.exec(
      await (await fetch(`${BASE}/projects/${SLUG}/components`)).text(),
    )?.[1];
    const routes: Route[] = [
      { name: "overview", kind: "page", path: `/projects/${SLUG}` },
      { name: "components", kind: "page", path: `/projects/${SLUG}/components` },
      { name: "roadmap", kind: "page", path: `/projects/${SLUG}/roadmap` },
      { name: "exit-criteria", kind: "page", path: `/projects/${SLUG}/exit-criteria` },
      { name: "component", kind: "page", path: `/projects/${SLUG}/components/${component}` },
      { name: "scans", kind: "page", path: `/projects/${SLUG}/scans` },
      { name: "report", kind: "page", path: `/projects/${SLUG}/report` },
      // The JSON APIs behind these pages: no figures or components API exists, so the closest ones: the scan
      // history (overview, scans page), the latest scan's diff (overview's "what changed") and the program list.
      { name: "api-scans", kind: "api", path: `/api/v1/projects/${SLUG}/scans` },
      {
        name: "api-diff",
        kind: "api",
        path: `/api/v1/projects/${SLUG}/diff?from=${previous.id}&to=${latest.id}`,
      },
      { name: "api-projects", kind: "api", path: "/api/v1/projects" },
    ];
    const only = values.only?.split(",");
    console.log(
      `${scans.length} scans; autocannon: ${values.connections} connections, ${values.duration} s or ${values["max-requests"]} requests per route\n`,
    );
    const pids = group ? group.pids : processTree(server?.pid as number);
    for (const route of routes.filter((r) => !only || only.includes(r.name))) {
      const f = await measure(route, pids);
      figures.push(f);
      console.log(
        `  ${route.name.padEnd(14)} p50 ${f.p50.toFixed(0).padStart(5)} ms  p95 ${f.p95.toFixed(0).padStart(5)} ms  CPU ${f.sequential.cpuMs.toFixed(1)} ms/request  (load ${f.load.toFixed(2)})`,
      );
    }
    if (!only || only.includes("actions")) actions = await measureActions(targets, pids);
    if (!only || only.includes("demo")) demo = await measureDemo();
  } finally {
    if (server && values["cpu-prof"]) await writeProfiles(processTree(server.pid as number));
    await group?.stop();
    // The whole group (start.mjs and its `next start`); wait for it, so the port is free for the next run.
    if (server) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      if (server.pid) process.kill(-server.pid, "SIGTERM");
      await exited;
    }
  }

  const ok = (value: number, target: number) => (value < target ? "ok" : "MISSED");
  console.log(`\nLatency at ${values.connections} concurrent, ${database}, ${serving}, target p95 < 150 ms`);
  console.log(
    `${"route".padEnd(15)}${"path".padEnd(58)}${"p50 ms".padStart(8)}${"p95 ms".padStart(8)}${"req/s".padStart(8)}${"requests".padStart(10)}${"non-200".padStart(9)}${"load 1m".padStart(9)}  target`,
  );
  for (const f of figures) {
    console.log(
      `${f.route.name.padEnd(15)}${f.route.path.slice(0, 57).padEnd(58)}${f.p50.toFixed(0).padStart(8)}${f.p95.toFixed(0).padStart(8)}${f.rps.toFixed(0).padStart(8)}${String(f.requests).padStart(10)}${String(f.errors).padStart(9)}${f.load.toFixed(2).padStart(9)}  ${ok(f.p95, 150)}`,
    );
  }
  console.log(
    `\nOne request at a time (${values.sequential} per route, medians): server CPU per request (target <= 20 ms for pages), database transactions per request (PostgreSQL)`,
  );
  console.log(
    `${"route".padEnd(15)}${"wall ms".padStart(9)}${"CPU ms".padStart(9)}${"queries".padStart(9)}${"load 1m".padStart(9)}  target`,
  );
  for (const { route, sequential: s } of figures) {
    console.log(
      `${route.name.padEnd(15)}${s.wallMs.toFixed(1).padStart(9)}${s.cpuMs.toFixed(1).padStart(9)}${(s.queries === null ? "n/a" : s.queries.toFixed(1)).padStart(9)}${s.load.toFixed(2).padStart(9)}  ${route.kind === "page" ? ok(s.cpuMs, 20.01) : ""}`,
    );
  }
  if (actions.length) {
    console.log(
      `\nActions, signed in, one at a time (${values.sequential} each, medians), target server time < 100 ms`,
    );
    console.log(
      `${"action".padEnd(18)}${"wall ms".padStart(9)}${"CPU ms".padStart(9)}${"load 1m".padStart(9)}  target`,
    );
    for (const a of actions) {
      console.log(
        `${a.name.padEnd(18)}${a.wallMs.toFixed(1).padStart(9)}${a.cpuMs.toFixed(1).padStart(9)}${a.load.toFixed(2).padStart(9)}  ${ok(a.wallMs, 100)}`,
      );
    }
  }
  if (demo.length) {
    console.log(
      `\nDemo pages one at a time, interleaved with GET /api/health (${values.sequential} each, medians), target page <= 3x health`,
    );
    console.log(
      `${"page".padEnd(36)}${"page ms".padStart(9)}${"health ms".padStart(11)}${"ratio".padStart(7)}${"load 1m".padStart(9)}  target`,
    );
    for (const d of demo) {
      const ratio = d.pageMs / d.healthMs;
      console.log(
        `${d.page.padEnd(36)}${d.pageMs.toFixed(1).padStart(9)}${d.healthMs.toFixed(1).padStart(11)}${ratio.toFixed(1).padStart(7)}${d.load.toFixed(2).padStart(9)}  ${ok(ratio, 3.01)}`,
      );
    }
  }
  console.log("\nFirst-load JS per page (gzip, from .next manifests), target < 200 kB");
  for (const p of firstLoadJs(DIST_DIR)) {
    console.log(`${p.page.padEnd(45)}${p.kB.toFixed(1).padStart(8)} kB  ${ok(p.kB, 200)}`);
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
