/**
 * Scanner benchmark: `npm run bench:scanner [-- --workloads 10000 --files 20 --rounds 1 --yaml-files 2]`.
 * Generates realistic multi-container workloads across several files (in memory), then times
 *   1. parse only, the floor: js-yaml `loadAll` (YAML 1.1 schema), the library of the scanner's fast
 *      path (lib/scanner/parse-fast.ts), on the same bytes;
 *   2. the scanner: Scanner.addFile per file + finish() (parse, evaluate, coverage, summary), setting each
 *      file's parsed objects aside as the CLI does when no ValidatingAdmissionPolicy is in the scan;
 *   3. for reference, the `yaml` package's full Document model (parseAllDocuments + toJS, the path
 *      used for files the fast path can't promise) on the first --yaml-files files ("all" for every
 *      file; it is slow), extrapolated to the whole input by bytes;
 *   4. the scanner with 20 ValidatingAdmissionPolicies (scripts/bench-policies.ts) evaluated as vap:*
 *      controls over every generated object (target < 5 s for 10k objects);
 *   5. the installed CLI (bin/rampart.mjs, the compiled bundle) on the same files written to disk, as a
 *      process: `scan DIR --format json` with --threads 1 (single-threaded), --threads <cores, at least 2>
 *      (the worker pool) and --threads auto (what the CLI picks: one thread below 3 cores), alternating, with the children's CPU time beside wall time; and its start-up on one small file;
 * and prints workloads/s, the scanner/parse ratio, memory (peak RSS, heap the scanner keeps after GC) and
 * the load average (the machine may be busy: compare runs at similar load).
 * Targets: scanner ≤ 1.5× parse-only; 10k workloads < 3 s on 2 cores; memory ∝ largest file.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { loadAll, YAML11_SCHEMA } from "js-yaml";
import { parseAllDocuments } from "yaml";
import { DEFAULT_MAX_ALIAS_COUNT, parseText, YAML_PARSE_OPTIONS } from "../lib/scanner/parse.ts";
import { parseFast } from "../lib/scanner/parse-fast.ts";
import { Scanner } from "../lib/scanner/scan.ts";
import { benchPolicies } from "./bench-policies.ts";

const { values } = parseArgs({
  options: {
    workloads: { type: "string", default: "10000" },
    files: { type: "string", default: "100" },
    containers: { type: "string", default: "1" },
    "write-dir": { type: "string" },
    rounds: { type: "string", default: "1" },
    "yaml-files": { type: "string", default: "2" },
  },
});
const N = Number(values.workloads);
const FILES = Math.max(1, Number(values.files));
const ROUNDS = Math.max(1, Number(values.rounds));
/** Containers per workload: 1 (the issue's single-container corpus) or more (app, sidecar, proxy… plus an init container). */
const CONTAINERS = Math.max(1, Number(values.containers));
if (!Number.isInteger(N) || N <= 0) {
  console.error("--workloads must be a positive integer");
  process.exit(2);
}

const KINDS = ["Deployment", "Deployment", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"];

function container(name: string, i: number, hardened: boolean): string {
  const sc = hardened
    ? `        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: ${i % 3 !== 0}
          runAsNonRoot: true
          capabilities:
            drop: ["ALL"]
`
    : `        securityContext:
          privileged: ${i % 11 === 0}
`;
  return `      - name: ${name}
        image: registry.example.com/team-${i % 17}/${name}:1.${i % 40}.${i % 7}
        imagePullPolicy: IfNotPresent
        args: ["--port=8080", "--log-level=info", "--metrics"]
        ports:
        - name: http
          containerPort: 8080
          protocol: TCP
        env:
        - name: APP_ENV
          value: production
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef: {name: app-${i}-secrets, key: password}
        - name: POD_NAME
          valueFrom:
            fieldRef: {fieldPath: metadata.name}
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {cpu: ${i % 5 === 0 ? '""' : "500m"}, memory: 256Mi}
        livenessProbe:
          httpGet: {path: /healthz, port: 8080}
          initialDelaySeconds: 10
          periodSeconds: 10
        readinessProbe:
          httpGet: {path: /ready, port: 8080}
        volumeMounts:
        - {name: tmp, mountPath: /tmp}
        - {name: config, mountPath: /etc/app, readOnly: true}
${sc}`;
}

function workload(i: number): string {
  const kind = KINDS[i % KINDS.length];
  const ns = `team-${i % 25}`;
  const name = `svc-${i}`;
  const hardened = i % 4 !== 0;
  const containers = ["app", "sidecar", "proxy", "worker"]
    .slice(0, CONTAINERS)
    .map((c, k) => container(k === 0 ? c : `${c}-${k}`, i + k, hardened));
  const podSpec = `    metadata:
      labels: {app: ${name}, tier: ${i % 2 ? "backend" : "frontend"}, app.kubernetes.io/part-of: product-${i % 9}}
      annotations: {prometheus.io/scrape: "true"}
    spec:
      serviceAccountName: ${name}
${hardened ? "      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        fsGroup: 2000\n        seccompProfile: {type: RuntimeDefault}\n" : ""}${CONTAINERS > 1 ? `      initContainers:\n${container("init", i, hardened)}` : ""}      containers:
${containers.join("")}      volumes:
      - name: tmp
        emptyDir: {}
      - name: config
        configMap: {name: ${name}-config}
`;
  const indent = (s: string, n: number) =>
    s
      .split("\n")
      .map((l) => (l ? " ".repeat(n) + l : l))
      .join("\n");
  const header = `apiVersion: ${kind === "CronJob" || kind === "Job" ? "batch/v1" : "apps/v1"}
kind: ${kind}
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {app: ${name}}
spec:
`;
  if (kind === "CronJob")
    return `${header}  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n${indent(podSpec, 4)}`;
  if (kind === "Job") return `${header}  template:\n${podSpec}`;
  return `${header}  replicas: 3\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n${podSpec}`;
}

function coverage(ns: number): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: team-${ns}}
spec:
  podSelector: {matchExpressions: [{key: tier, operator: In, values: [backend]}]}
  policyTypes: [Ingress, Egress]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pdb, namespace: team-${ns}}
spec:
  minAvailable: 1
  selector: {matchLabels: {tier: frontend}}
`;
}

// Generate the files (not timed).
const files: { path: string; content: string }[] = [];
const per = Math.ceil(N / FILES);
for (let f = 0; f < FILES; f++) {
  const docs: string[] = [];
  for (let i = f * per; i < Math.min(N, (f + 1) * per); i++) docs.push(workload(i));
  if (f === 0) for (let ns = 0; ns < 25; ns++) docs.push(coverage(ns));
  files.push({ path: `generated/file-${String(f).padStart(3, "0")}.yaml`, content: docs.join("---\n") });
}
// The same files on disk, for the CLI runs (kept with --write-dir, else in a temp folder removed at the end).
const cliDir = values["write-dir"] ?? mkdtempSync(join(tmpdir(), "rampart-bench-scanner-"));
mkdirSync(join(cliDir, "generated"), { recursive: true });
for (const f of files) writeFileSync(join(cliDir, f.path), f.content);
// One small workload, for the start-up time.
writeFileSync(join(cliDir, "one.yaml"), workload(0));
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
const largest = Math.max(...files.map((f) => Buffer.byteLength(f.content)));
const rssAfterGeneration = process.resourceUsage().maxRSS * 1024;

/** The floor: js-yaml, as used on the scanner's fast path, with its stock YAML 1.1 schema. */
function parseOnly(subset = files): number {
  let docs = 0;
  for (const f of subset) docs += loadAll(f.content, { schema: YAML11_SCHEMA }).length;
  return docs;
}

/** The scanner's parse step alone (fast path + checks + lines, or the yaml fallback). */
function parseTextOnly(subset = files): number {
  let docs = 0;
  for (const f of subset) docs += parseText(f.content).documents.length;
  return docs;
}

/** Reference: the `yaml` package's full Document model (the fallback path, and the old parser). */
function parseYamlDocuments(subset = files): number {
  let docs = 0;
  for (const f of subset) {
    for (const d of parseAllDocuments(f.content, YAML_PARSE_OPTIONS)) {
      d.toJS({ maxAliasCount: DEFAULT_MAX_ALIAS_COUNT });
      docs++;
    }
  }
  return docs;
}

// Memory: a separate, untimed pass forces a GC after each file, so the heap counts only what the
// scanner keeps (per-workload results), not garbage V8 has not collected yet.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
let retainedAfterFiles: number[] = [];
const POLICIES = benchPolicies();
function scanAll(trackHeap: boolean, subset = files, policies: typeof POLICIES = []): number {
  gc();
  const base = process.memoryUsage().heapUsed;
  const s = new Scanner({ now: new Date("2026-01-01"), policies });
  for (const f of subset) {
    s.addFile(f.path, f.content);
    // As the CLI (lib/cli/scan-input.ts PolicyObjects): a scan without a ValidatingAdmissionPolicy keeps no
    // parsed objects (policy evaluation's input), only results; with one it keeps them all.
    if (!s.hasPolicies()) s.takePolicyObjects();
    if (trackHeap) {
      gc();
      retainedAfterFiles.push(process.memoryUsage().heapUsed - base);
    }
  }
  const r = s.finish();
  if (
    policies.length &&
    Object.keys(r.summary.controls).filter((id) => id.startsWith("vap:")).length !== policies.length
  )
    throw new Error(`expected ${policies.length} vap:* controls`);
  return r.summary.workloads;
}

/** CPU time (user + system) of each phase, less sensitive than wall time to a busy machine. */
const cpu: Record<string, number> = {};
function time<T>(fn: () => T, name?: string): [number, T] {
  const c = process.cpuUsage();
  const t = performance.now();
  const v = fn();
  const wall = performance.now() - t;
  const used = process.cpuUsage(c);
  if (name) cpu[name] = Math.min(cpu[name] ?? Number.POSITIVE_INFINITY, (used.user + used.system) / 1000);
  return [wall, v];
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
console.log(`Generated ${N} workloads in ${FILES} files: ${mb(bytes)} of YAML (largest file ${mb(largest)})`);
console.log(
  `load average before: ${load()} on ${availableParallelism()} cores; above that, other work competes`,
);
const fastFiles = files.filter((f) => parseFast(f.content) !== null).length;
console.log(`files on the fast path: ${fastFiles}/${files.length}`);

// Warm up the JIT on the first file, then alternate rounds and keep the best time of each.
scanAll(false, files.slice(0, 1));
parseOnly(files.slice(0, 1));
parseTextOnly(files.slice(0, 1));
let bestParse = Number.POSITIVE_INFINITY;
let bestParseText = Number.POSITIVE_INFINITY;
let bestScan = Number.POSITIVE_INFINITY;
let scanned = 0;
for (let r = 0; r < ROUNDS; r++) {
  const [tp] = time(parseOnly, "parse");
  bestParse = Math.min(bestParse, tp);
  const [tt] = time(parseTextOnly, "parseText");
  bestParseText = Math.min(bestParseText, tt);
  const [ts, n] = time(() => scanAll(false), "scan");
  bestScan = Math.min(bestScan, ts);
  scanned = n;
}
if (scanned !== N) {
  console.error(`expected ${N} workloads, scanner found ${scanned}`);
  process.exit(1);
}
scanAll(false, files.slice(0, 1), POLICIES); // warm up the policy evaluation
let bestPolicies = Number.POSITIVE_INFINITY;
for (let r = 0; r < ROUNDS; r++) {
  const [tv] = time(() => scanAll(false, files, POLICIES), "policies");
  bestPolicies = Math.min(bestPolicies, tv);
}
const rssBeforeReference = process.resourceUsage().maxRSS * 1024;
const yamlSubset =
  values["yaml-files"] === "all" ? files : files.slice(0, Math.max(1, Number(values["yaml-files"])));
const yamlBytes = yamlSubset.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
const [ty] = time(() => parseYamlDocuments(yamlSubset), "yaml");
const yamlEstimate = (ty * bytes) / yamlBytes;

const ratio = bestScan / bestParse;
const rss = process.resourceUsage().maxRSS * 1024;
const cpuOf = (name: string) => `cpu ${cpu[name].toFixed(0)} ms`;
const rate = (ms: number) =>
  `${((N / ms) * 1000).toFixed(0)} workloads/s, ${((bytes / 1024 / 1024 / ms) * 1000).toFixed(1)} MB/s`;
console.log(
  `parse only (js-yaml loadAll, the floor):  ${bestParse.toFixed(0)} ms  (${rate(bestParse)}; ${cpuOf("parse")})`,
);
console.log(
  `scanner parse step (parseText):           ${bestParseText.toFixed(0)} ms  (${rate(bestParseText)}; ${cpuOf("parseText")})`,
);
console.log(
  `scanner total:                            ${bestScan.toFixed(0)} ms  (${rate(bestScan)}; ${cpuOf("scan")})`,
);
console.log(
  `yaml parseAllDocuments+toJS (reference):  ${yamlEstimate.toFixed(0)} ms  (${rate(yamlEstimate)}; ${yamlSubset.length === files.length ? "measured" : `extrapolated from ${yamlSubset.length} file(s), ${mb(yamlBytes)}, ${ty.toFixed(0)} ms, ${cpuOf("yaml")}`})`,
);
console.log(
  `scanner / parse-only:                     ${ratio.toFixed(2)}×  (target ≤ 1.5×; by cpu time ${(cpu.scan / cpu.parse).toFixed(2)}×)`,
);
console.log(
  `${N} workloads in < 3 s:                  ${bestScan < 3000 ? "yes" : "NO"} (${(bestScan / 1000).toFixed(2)} s)`,
);
console.log(
  `scanner + ${POLICIES.length} policies (vap:*):            ${bestPolicies.toFixed(0)} ms  (${rate(bestPolicies)}; ${cpuOf("policies")}; policy evaluation ${(bestPolicies - bestScan).toFixed(0)} ms, cpu ${(cpu.policies - cpu.scan).toFixed(0)} ms)`,
);
console.log(
  `${POLICIES.length} policies over ${N} objects in < 5 s:     ${bestPolicies - bestScan < 5000 ? "yes" : "NO"} (policy evaluation ${((bestPolicies - bestScan) / 1000).toFixed(2)} s over the scanner's ${(bestScan / 1000).toFixed(2)} s; ${(bestPolicies / 1000).toFixed(2)} s in all)`,
);
console.log(
  `peak RSS (whole process, incl. ${mb(bytes)} of generated input): ${mb(rssAfterGeneration)} after generating the input, ${mb(rssBeforeReference)} after the timed rounds, ${mb(rss)} after the yaml reference run`,
);
retainedAfterFiles = [];
scanAll(true);
const perFile = retainedAfterFiles.map((b, i) => b - (retainedAfterFiles[i - 1] ?? 0));
console.log(
  `heap kept by the scanner after GC: ${mb(retainedAfterFiles[retainedAfterFiles.length - 1])} for ${N} workloads (results), ${mb(Math.min(...perFile))}-${mb(Math.max(...perFile))} per file; input files are not kept`,
);

/** CPU time (user + system, ms) of the children this process has waited for (Linux /proc). */
function childrenCpu(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // cutime + cstime, in clock ticks (100/s)
}

const BIN = join(import.meta.dirname, "../bin/rampart.mjs");
function cliRun(args: string[]): { wall: number; cpu: number; out: string; load: string } {
  const before = childrenCpu();
  const l = load();
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, "scan", "--no-progress", "--now", "2026-01-01", ...args], {
    cwd: cliDir,
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
  });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`rampart scan ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { wall, cpu: childrenCpu() - before, out: r.stdout, load: l };
}

cliRun(["generated/file-000.yaml", "--format", "json"]); // builds the bundle if it is stale: not timed
/** The pool, whatever `auto` picks here (on fewer than 3 cores auto scans in one thread). */
const POOL_THREADS = String(Math.max(2, availableParallelism()));
const cliBest: Record<string, { wall: number; cpu: number; load: string }> = {};
let firstOut: string | undefined;
const keep = (name: string, r: ReturnType<typeof cliRun>) => {
  if (!cliBest[name] || r.wall < cliBest[name].wall) cliBest[name] = r;
};
for (let r = 0; r < Math.max(2, ROUNDS); r++) {
  const variants = ["1", POOL_THREADS, "auto"];
  for (const threads of r % 2 ? variants.reverse() : variants) {
    const run = cliRun(["generated", "--format", "json", "--threads", threads]);
    if (firstOut === undefined) firstOut = run.out;
    else if (run.out !== firstOut) {
      console.error(`--threads ${threads} printed different output from the first run`);
      process.exit(1);
    }
    keep(threads, run);
  }
  keep("start-up", cliRun(["one.yaml", "--format", "json", "--threads", "auto"]));
}
const cliLine = (label: string, name: string) =>
  `${label.padEnd(42)}${cliBest[name].wall.toFixed(0)} ms  (cpu ${cliBest[name].cpu.toFixed(0)} ms, load ${cliBest[name].load})`;
console.log("\nThe CLI as a process (bin/rampart.mjs scan DIR --format json), best of the alternating runs:");
console.log(cliLine("single-threaded (--threads 1):", "1"));
console.log(cliLine(`parallel (--threads ${POOL_THREADS}, the pool):`, POOL_THREADS));
console.log(
  cliLine(
    `--threads auto (${availableParallelism()} cores: ${availableParallelism() < 3 ? "one thread" : "the pool"}):`,
    "auto",
  ),
);
console.log(
  `${"parse-only floor (js-yaml loadAll, 1 core):".padEnd(42)}${bestParse.toFixed(0)} ms  (${cpuOf("parse")})`,
);
console.log(cliLine("start-up, one file (target < 300 ms):", "start-up"));
console.log(
  `auto < 3 s: ${cliBest.auto.wall < 3000 ? "yes" : "NO"}; auto < parse-only floor: ${cliBest.auto.wall < bestParse ? "yes" : "NO"}; pool ${cliBest[POOL_THREADS].wall < cliBest["1"].wall ? "faster" : "NOT faster"} than one thread (wall times: on a busy machine compare the cpu figures and the load)`,
);
if (!values["write-dir"]) rmSync(cliDir, { recursive: true, force: true });
console.log(`load average after: ${load()}`);
