// `npm run bench:ingest`: ingest speed and history query latency, printed as figures (not a test).
//   1. A scan of N workloads (default 10k, ≈27 control results each) stored with createScan into a fresh PGlite
//      directory and a fresh PostgreSQL database, beside the floor: the same ControlResult rows loaded with COPY.
//   2. H scans × C components of history (default 200 × 500) on PostgreSQL, then p50/p95 of the "latest scan
//      summary" and "one component's history" queries.
// Options: --workloads N --history-scans H --history-components C --skip-history --skip-ingest
// Runs under tsx with the react-server condition, so lib/server's `server-only` marker resolves to nothing.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { type ScanResult, scanFiles } from "../lib/scanner";
import { SYSTEM } from "../lib/server/actor";
import { createProject } from "../lib/server/create-project";
import { createScan } from "../lib/server/create-scan";
import { closeConnection, getDb } from "../lib/server/db";
import { findComponentHistory } from "../lib/server/find-component-history";
import { findLatestScans } from "../lib/server/find-latest-scans";
import { deploymentYaml } from "../test/factories";

const { values } = parseArgs({
  options: {
    workloads: { type: "string", default: "10000" },
    "history-scans": { type: "string", default: "200" },
    "history-components": { type: "string", default: "500" },
    "skip-history": { type: "boolean", default: false },
    "skip-ingest": { type: "boolean", default: false },
  },
});
const SERVER = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function generateScan(workloads: number, seed: number, takenAt: Date): ScanResult {
  const perFile = 500;
  const files: { path: string; content: string }[] = [];
  for (let f = 0; f * perFile < workloads; f++) {
    const docs: string[] = [];
    for (let i = f * perFile; i < Math.min(workloads, (f + 1) * perFile); i++) {
      // Roughly 80% hardened, varying with the seed so consecutive scans differ like real history.
      const hardened = (i * 7 + seed * 13) % 10 < 8;
      docs.push(deploymentYaml(`svc-${i}`, { hardened, namespace: `team-${i % 25}` }));
    }
    files.push({ path: `manifests/file-${f}.yaml`, content: docs.join("---\n") });
  }
  return scanFiles(files, { now: takenAt });
}

async function freshServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `rampart_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      // Let the closed pools' backends go first: a pooled client that DROP … WITH (FORCE) terminates while it ends
      // emits an 'error' nobody listens to any more, and the bench would crash after printing its figures.
      for (let i = 0; i < 100; i++) {
        const { rows } = await admin.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
          [name],
        );
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function use(databaseUrl: string) {
  await closeConnection();
  process.env.DATABASE_URL = databaseUrl;
  await getDb(); // open + migrate outside the timings
}

/**
 * CPU time so far (ms) of this process and of each PostgreSQL server backend connected to `database` (read from
 * /proc: the server runs on this machine), so that figures can be compared under a load that makes wall times noisy.
 */
type Cpu = { node: number; backends: Map<string, number> };
function cpuMs(database: string | null): Cpu {
  const usage = process.cpuUsage();
  const backends = new Map<string, number>();
  if (database) {
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const title = readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (!title.startsWith("postgres:") || !title.includes(` ${database} `)) continue;
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        backends.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS); // utime + stime
      } catch {
        // the process ended
      }
    }
  }
  return { node: (usage.user + usage.system) / 1000, backends };
}
const CLOCK_TICKS = 100;
const databaseOf = (url: string) => (url.startsWith("pglite:") ? null : new URL(url).pathname.slice(1));
/** This process's CPU and the server's: each backend still connected at `to`, since `from` (or its start). */
function cpuDelta(from: Cpu, to: Cpu) {
  let server = 0;
  for (const [pid, ms] of to.backends) server += ms - (from.backends.get(pid) ?? 0);
  return { node: to.node - from.node, server };
}
const cpuText = (cpu: { node: number; server: number }) =>
  `CPU node ${`${Math.round(cpu.node)}`.padStart(6)} ms + server ${`${Math.round(cpu.server)}`.padStart(6)} ms`;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const perSecond = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString("en-US")}/s`;

type Timed = { ms: number; cpu: ReturnType<typeof cpuDelta> };

async function timeIngest(label: string, url: string, result: ScanResult, rows: number): Promise<Timed> {
  await createProject(SYSTEM, { slug: "bench", name: "Bench" });
  const database = databaseOf(url);
  const phases: [string, number, ReturnType<typeof cpuDelta>][] = [];
  const cpuStart = cpuMs(database);
  let cpuMark = cpuStart;
  const started = performance.now();
  await createScan({
    actor: SYSTEM,
    projectSlug: "bench",
    meta: { environment: "production" },
    result,
    source: "rampart",
    onPhase: (name, ms) => {
      const now = cpuMs(database);
      phases.push([name, ms, cpuDelta(cpuMark, now)]);
      cpuMark = now;
    },
  });
  const ms = performance.now() - started;
  const cpu = cpuDelta(cpuStart, cpuMs(database));
  console.log(
    `${label.padEnd(28)} ${seconds(ms).padStart(9)}  ${perSecond(rows, ms).padStart(12)} control results  ${cpuText(cpu)}`,
  );
  for (const [name, phaseMs, phaseCpu] of phases)
    console.log(`  ${name.padEnd(42)} ${`${Math.round(phaseMs)} ms`.padStart(9)}  ${cpuText(phaseCpu)}`);
  return { ms, cpu };
}

/**
 * The floor: the same control-result rows COPYed into the real ControlResult table (same keys, indexes and
 * foreign keys), as a second scan of the components createScan just stored.
 */
async function timeCopy(url: string, result: ScanResult, rows: number): Promise<Timed> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const components = await client.query<{ id: string; kind: string; namespace: string; name: string }>(
    `SELECT id, kind, namespace, name FROM "Component"`,
  );
  const idOf = new Map(components.rows.map((c) => [`${c.kind}/${c.namespace}/${c.name}`, c.id]));
  const { rows: scans } = await client.query<{ projectId: string; environmentId: string }>(
    `SELECT "projectId", "environmentId" FROM "Scan" LIMIT 1`,
  );
  await client.query(
    `INSERT INTO "Scan" (id, "projectId", "environmentId", "takenAt", source, tool, "toolVersion", "idempotencyKey",
       "workloadCount", "errorCount", summary, objects, namespaces, errors, notes)
     VALUES ('copy-floor', $1, $2, now(), 'rampart', 'bench', '0', 'copy-floor', 0, 0, '{}', '{}', '[]', '[]', '[]')`,
    [scans[0].projectId, scans[0].environmentId],
  );
  const copyText = (v: string) => v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n");
  function* lines() {
    for (const w of result.workloads) {
      const componentId = idOf.get(`${w.kind}/${w.namespace}/${w.name}`);
      for (const [controlId, r] of Object.entries(w.controls)) {
        const status = r.status === "n/a" ? "na" : r.status;
        yield `copy-floor\t${componentId}\t${controlId}\t${status}\t${copyText(r.message)}\t${copyText(JSON.stringify(r.containers))}\t\\N\t\\N\n`;
      }
    }
  }
  const database = databaseOf(url);
  const cpuStart = cpuMs(database);
  const started = performance.now();
  await pipeline(
    Readable.from(lines()),
    client.query(
      copyFrom(
        `COPY "ControlResult" ("scanId", "componentId", "controlId", status, message, containers, exception, "expiredException") FROM STDIN`,
      ),
    ),
  );
  const ms = performance.now() - started;
  const cpu = cpuDelta(cpuStart, cpuMs(database));
  await client.end();
  console.log(
    `${"PostgreSQL COPY (floor)".padEnd(28)} ${seconds(ms).padStart(9)}  ${perSecond(rows, ms).padStart(12)} rows             ${cpuText(cpu)}`,
  );
  return { ms, cpu };
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function latency(label: string, runs: number, fn: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms  (${runs} runs)`,
  );
}

async function benchIngest(serverUrl: string) {
  const workloads = Number(values.workloads);
  console.log(`Generating and scanning ${workloads} workloads…`);
  const result = generateScan(workloads, 1, new Date());
  const rows = result.workloads.reduce((n, w) => n + Object.keys(w.controls).length, 0);
  console.log(`${result.workloads.length} workloads, ${rows.toLocaleString("en-US")} control results\n`);

  const dir = mkdtempSync(path.join(tmpdir(), "rampart-bench-"));
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}`,
  );
  await use(`pglite:${dir}`);
  await timeIngest("createScan → PGlite", `pglite:${dir}`, result, rows);
  await closeConnection();
  rmSync(dir, { recursive: true, force: true });

  await use(serverUrl);
  const ingest = await timeIngest("createScan → PostgreSQL", serverUrl, result, rows);
  const copy = await timeCopy(serverUrl, result, rows);
  const total = (t: Timed) => t.cpu.node + t.cpu.server;
  console.log(
    `ingest / COPY on the server: ${(ingest.ms / copy.ms).toFixed(2)}× wall (target ≤ 1.5×), ${(total(ingest) / total(copy)).toFixed(2)}× CPU (node + server backends)`,
  );
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}\n`,
  );
}

async function main() {
  const server = await freshServerDatabase();
  try {
    if (!values["skip-ingest"]) await benchIngest(server.url);
    if (values["skip-history"]) return;
    await use(server.url);
    const scans = Number(values["history-scans"]);
    const components = Number(values["history-components"]);
    console.log(`Storing ${scans} scans × ${components} components of history on PostgreSQL…`);
    await createProject(SYSTEM, { slug: "history", name: "History" });
    const started = performance.now();
    const start = Date.UTC(2025, 0, 1);
    for (let s = 0; s < scans; s++) {
      const takenAt = new Date(start + s * 3_600_000);
      const scan = generateScan(components, s, takenAt);
      await createScan({
        actor: SYSTEM,
        projectSlug: "history",
        // Distinct keys: generated scans repeat their content every few scans, which the content hash would
        // (rightly) store once.
        meta: {
          environment: s % 2 ? "production" : "staging",
          takenAt: takenAt.toISOString(),
          idempotencyKey: `history-${s}`,
        },
        result: scan,
        source: "rampart",
      });
    }
    const db = await getDb();
    const [storedScans, storedRows] = await Promise.all([
      db.scan.count({ where: { project: { slug: "history" } } }),
      db.controlResult.count({ where: { scan: { project: { slug: "history" } } } }),
    ]);
    console.log(
      `stored ${storedScans} scans, ${storedRows.toLocaleString("en-US")} control results in ${seconds(performance.now() - started)}\n`,
    );
    const ids = (
      await db.component.findMany({
        where: { project: { slug: "history" } },
        select: { id: true },
        take: 200,
      })
    ).map((c) => c.id);
    await latency("latest scan summary", 200, () => findLatestScans(SYSTEM, "history"));
    await latency("one component's history", 200, (i) =>
      findComponentHistory(SYSTEM, "history", ids[i % ids.length]),
    );
  } finally {
    await closeConnection();
    await server.drop();
  }
}

await main();
process.exit(0);
