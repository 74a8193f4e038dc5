/**
 * Scanner benchmark: `npm run bench:scanner [-- --workloads 10000 --files 20]`.
 * Generates realistic multi-container workloads across several files (in memory), then times
 *   1. parse only: yaml parseAllDocuments + toJS on the same bytes (the floor), and
 *   2. the scanner: Scanner.addFile per file + finish() (parse, evaluate, coverage, summary),
 * and prints workloads/s, the scanner/parse ratio and memory (peak RSS, heap growth while scanning).
 * Targets: scanner ≤ 1.5× parse-only; 10k workloads < 3 s on 2 cores; memory ∝ largest file.
 * Note: the floor is the yaml library itself (about 1-3 MB/s of YAML on this 2-core machine), so the
 * absolute time is bounded by the YAML size; JSON input (kubectl -o json) takes a JSON.parse fast path.
 */
import { parseArgs } from "node:util";
import { parseAllDocuments } from "yaml";
import { DEFAULT_MAX_ALIAS_COUNT, YAML_PARSE_OPTIONS } from "../lib/scanner/parse.ts";
import { Scanner } from "../lib/scanner/scan.ts";

const { values } = parseArgs({
  options: {
    workloads: { type: "string", default: "10000" },
    files: { type: "string", default: "20" },
    rounds: { type: "string", default: "1" },
  },
});
const N = Number(values.workloads);
const FILES = Math.max(1, Number(values.files));
const ROUNDS = Math.max(1, Number(values.rounds));
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
  const containers = [container("app", i, hardened), container("sidecar", i + 1, hardened)];
  if (i % 3 === 0) containers.push(container("proxy", i + 2, hardened));
  const podSpec = `    metadata:
      labels: {app: ${name}, tier: ${i % 2 ? "backend" : "frontend"}, app.kubernetes.io/part-of: product-${i % 9}}
      annotations: {prometheus.io/scrape: "true"}
    spec:
      serviceAccountName: ${name}
${hardened ? "      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n        fsGroup: 2000\n        seccompProfile: {type: RuntimeDefault}\n" : ""}      initContainers:
${container("init", i, hardened)}      containers:
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
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
const largest = Math.max(...files.map((f) => Buffer.byteLength(f.content)));

function parseOnly(subset = files): number {
  let docs = 0;
  for (const f of subset) {
    for (const d of parseAllDocuments(f.content, YAML_PARSE_OPTIONS)) {
      d.toJS({ maxAliasCount: DEFAULT_MAX_ALIAS_COUNT });
      docs++;
    }
  }
  return docs;
}

let peakHeapGrowth = 0;
function scanAll(trackHeap: boolean, subset = files): number {
  const base = process.memoryUsage().heapUsed;
  const s = new Scanner({ now: new Date("2026-01-01") });
  for (const f of subset) {
    s.addFile(f.path, f.content);
    if (trackHeap) peakHeapGrowth = Math.max(peakHeapGrowth, process.memoryUsage().heapUsed - base);
  }
  const r = s.finish();
  return r.summary.workloads;
}

function time<T>(fn: () => T): [number, T] {
  const t = performance.now();
  const v = fn();
  return [performance.now() - t, v];
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
console.log(`Generated ${N} workloads in ${FILES} files: ${mb(bytes)} of YAML (largest file ${mb(largest)})`);

// Warm up the JIT on the first file, then alternate rounds and keep the best time of each.
scanAll(false, files.slice(0, 1));
parseOnly(files.slice(0, 1));
let bestParse = Number.POSITIVE_INFINITY;
let bestScan = Number.POSITIVE_INFINITY;
let scanned = 0;
for (let r = 0; r < ROUNDS; r++) {
  const [tp] = time(parseOnly);
  bestParse = Math.min(bestParse, tp);
  const [ts, n] = time(() => scanAll(r === 0));
  bestScan = Math.min(bestScan, ts);
  scanned = n;
}
if (scanned !== N) {
  console.error(`expected ${N} workloads, scanner found ${scanned}`);
  process.exit(1);
}
const ratio = bestScan / bestParse;
const rss = process.resourceUsage().maxRSS * 1024;
console.log(
  `parse only (yaml, the floor): ${bestParse.toFixed(0)} ms  (${((N / bestParse) * 1000).toFixed(0)} workloads/s)`,
);
console.log(
  `scanner total:                ${bestScan.toFixed(0)} ms  (${((N / bestScan) * 1000).toFixed(0)} workloads/s)`,
);
console.log(`scanner / parse-only:         ${ratio.toFixed(2)}×  (target ≤ 1.5×)`);
console.log(
  `${N} workloads in < 3 s:      ${bestScan < 3000 ? "yes" : "NO"} (${(bestScan / 1000).toFixed(2)} s)`,
);
console.log(`peak RSS (whole process, incl. ${mb(bytes)} of generated input): ${mb(rss)}`);
console.log(`heap growth while scanning (results + largest file in flight): ${mb(peakHeapGrowth)}`);
