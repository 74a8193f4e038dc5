/**
 * Sanity checks on the built-in demo (examples/maestro): the snapshot list, the manifest trees and the
 * scanner input files. Figures are not asserted here on purpose: the scanner computes them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { parseProgramOrThrow } from "./parse-program.ts";
import { parseSnapshotList } from "./snapshot-list.ts";

const DEMO = join(import.meta.dirname, "..", "..", "examples", "maestro");
const SNAPSHOTS = join(DEMO, "snapshots");

const PRODUCTION_FILES = [
  "deployment.yaml",
  "mlflow-deployment.yaml",
  "feast-deployment.yaml",
  "airflow-deployment.yaml",
  "container-registry.yaml",
  "logging-stack.yaml",
  "training-operator.yaml",
];

const WORKLOAD_KINDS = new Set([
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "Job",
  "CronJob",
  "Pod",
]);

// biome-ignore lint/suspicious/noExplicitAny: manifests are untyped YAML
type Obj = Record<string, any>;

interface SnapshotEntry {
  dir: string;
  takenAt: string;
  gitRef: string;
  message: string;
  environments: { name: string; paths: string[] }[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const snapshotList = parse(readFileSync(join(DEMO, "snapshots.yaml"), "utf8")) as {
  apiVersion: string;
  kind: string;
  snapshots: SnapshotEntry[];
};

const yamlFiles = walk(DEMO).filter((f) => /\.ya?ml$/.test(f));

function loadDocs(file: string): Obj[] {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  if (!Array.isArray(docs)) return [];
  return docs.map((d) => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
    return d.toJS() as Obj;
  });
}

function workloads(file: string): Obj[] {
  return loadDocs(file).filter((d) => d && WORKLOAD_KINDS.has(d.kind));
}

function podTemplate(w: Obj): Obj | undefined {
  if (w.kind === "Pod") return w;
  if (w.kind === "CronJob") return w.spec?.jobTemplate?.spec?.template;
  return w.spec?.template;
}

function productionWorkloads(dir: string): Obj[] {
  const root = join(SNAPSHOTS, dir, "infrastructure", "kubernetes");
  return walk(root)
    .filter((f) => f.endsWith(".yaml"))
    .flatMap(workloads);
}

describe("snapshots.yaml", () => {
  it("validates against the SnapshotList schema", () => {
    const result = parseSnapshotList(readFileSync(join(DEMO, "snapshots.yaml"), "utf8"), "snapshots.yaml");
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.list.snapshots.length).toBeGreaterThanOrEqual(4);
  });

  it("SnapshotList errors name the file and field", () => {
    const bad = readFileSync(join(DEMO, "snapshots.yaml"), "utf8").replace("gitRef: 9b7d3f0", "gitRef: main");
    const result = parseSnapshotList(bad, "snapshots.yaml");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^snapshots\.yaml: snapshots\[1\]\.gitRef: /);
  });

  it("lists at least four snapshots in time order within Phase 2", () => {
    expect(snapshotList.apiVersion).toBe("rampart.io/v1");
    expect(snapshotList.kind).toBe("SnapshotList");
    const list = snapshotList.snapshots;
    expect(list.length).toBeGreaterThanOrEqual(4);
    const times = list.map((s) => Date.parse(s.takenAt));
    expect(times.every((t) => !Number.isNaN(t))).toBe(true);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(list[0].takenAt.startsWith("2025-10-05")).toBe(true);
    for (const s of list) {
      expect(s.gitRef).toMatch(/^[0-9a-f]{7,40}$/);
      expect(s.message.length).toBeGreaterThan(10);
      expect(s.environments).toEqual([
        { name: "production", paths: ["infrastructure/kubernetes"] },
        { name: "dev", paths: ["infrastructure/minikube"] },
      ]);
    }
  });

  it.each(snapshotList.snapshots.map((s) => s.dir))("%s exists with the seven production files", (dir) => {
    for (const f of PRODUCTION_FILES) {
      expect(existsSync(join(SNAPSHOTS, dir, "infrastructure", "kubernetes", f)), f).toBe(true);
    }
    expect(readdirSync(join(SNAPSHOTS, dir, "infrastructure", "minikube")).sort()).toEqual([
      "airflow.yaml",
      "container-registry.yaml",
      "feast.yaml",
      "logging-stack.yaml",
      "minio.yaml",
      "mlflow.yaml",
      "postgresql.yaml",
      "redis.yaml",
      "training-operator.yaml",
    ]);
  });

  it("every snapshot directory on disk is listed", () => {
    expect(readdirSync(SNAPSHOTS).sort()).toEqual(snapshotList.snapshots.map((s) => s.dir).sort());
  });
});

describe("every YAML file in examples parses and every workload is complete", () => {
  it.each(yamlFiles.map((f) => relative(DEMO, f)))("%s", (rel) => {
    const file = join(DEMO, rel);
    const docs = loadDocs(file);
    expect(docs.length).toBeGreaterThan(0);
    for (const w of docs.filter((d) => d && WORKLOAD_KINDS.has(d.kind))) {
      const where = `${rel}: ${w.kind}/${w.metadata?.name}`;
      expect(w.metadata?.name, where).toBeTruthy();
      expect(w.metadata?.namespace, where).toBeTruthy();
      const template = podTemplate(w);
      expect(template?.spec?.containers?.length, where).toBeGreaterThan(0);
      const all: Obj[] = [...(template?.spec?.initContainers ?? []), ...(template?.spec?.containers ?? [])];
      for (const c of all) {
        expect(c.resources?.limits?.cpu, `${where} ${c.name} cpu limit`).toBeTruthy();
        expect(c.resources?.limits?.memory, `${where} ${c.name} memory limit`).toBeTruthy();
        expect(c.resources?.requests?.cpu, `${where} ${c.name} cpu request`).toBeTruthy();
        expect(c.image, `${where} ${c.name} image`).toMatch(/:[\w.-]+$/);
      }
      if (w.kind !== "Pod") {
        const selector = w.spec?.selector?.matchLabels ?? {};
        for (const [k, v] of Object.entries(selector)) expect(template?.metadata?.labels?.[k], where).toBe(v);
        expect(template?.metadata?.labels?.["app.kubernetes.io/name"], where).toBeTruthy();
        // app.kubernetes.io/part-of is the demo's own required-labels policy: missing early on (see "demo story").
      }
    }
  });
});

describe("demo story", () => {
  const dirs = snapshotList.snapshots.map((s) => s.dir);
  const first = dirs[0];
  const last = dirs[dirs.length - 1];

  const names = (dir: string) => productionWorkloads(dir).map((w) => w.metadata.name as string);

  it("has the seed's 19 named production components plus harbor-jobservice, in every snapshot", () => {
    const expected = [
      "maestro-api",
      "maestro-worker",
      "mlflow-server",
      "feast-redis",
      "feast-feature-server",
      "airflow-postgresql",
      "airflow-webserver",
      "airflow-scheduler",
      "airflow-worker",
      "harbor-database",
      "harbor-redis",
      "harbor-core",
      "harbor-jobservice",
      "harbor-registry",
      "harbor-portal",
      "docker-registry",
      "registry-ui",
      "loki",
      "promtail",
      "training-operator",
    ];
    for (const dir of dirs) expect(names(dir).sort(), dir).toEqual([...expected].sort());
  });

  it("baseline has part of the components hardened and no policies or PDBs; the final snapshot has them", () => {
    const podSc = (w: Obj) => podTemplate(w)?.spec?.securityContext;
    const hardenedAtStart = productionWorkloads(first).filter((w) => podSc(w)?.seccompProfile).length;
    expect(hardenedAtStart).toBeGreaterThan(5);
    expect(hardenedAtStart).toBeLessThan(20);
    expect(productionWorkloads(last).every((w) => podSc(w)?.seccompProfile?.type === "RuntimeDefault")).toBe(
      true,
    );
    const base = join(SNAPSHOTS, first, "infrastructure", "kubernetes");
    expect(existsSync(join(base, "network-policies"))).toBe(false);
    expect(existsSync(join(base, "pdb"))).toBe(false);
  });

  it("the team's own policies (examples/maestro/policies) fail in the first snapshots and pass in the last", () => {
    const partOf = (dir: string) =>
      productionWorkloads(dir).filter(
        (w) => !podTemplate(w)?.metadata?.labels?.["app.kubernetes.io/part-of"],
      );
    const images = (dir: string) =>
      productionWorkloads(dir).flatMap((w) =>
        [...(podTemplate(w)?.spec?.initContainers ?? []), ...(podTemplate(w)?.spec?.containers ?? [])].map(
          (c: Obj) => c.image as string,
        ),
      );
    const fromHarbor = (dir: string) => images(dir).filter((i) => i.startsWith("harbor.maestro.internal/"));
    expect(
      partOf(first)
        .map((w) => w.metadata.name)
        .sort(),
    ).toEqual([
      "airflow-worker",
      "feast-feature-server",
      "maestro-api",
      "maestro-worker",
      "training-operator",
    ]);
    expect(fromHarbor(first)).toEqual([]);
    expect(partOf(last)).toEqual([]);
    expect(fromHarbor(last)).toEqual(images(last));
  });

  it("final snapshot: default-deny in every namespace with workloads; a PDB for every Deployment/StatefulSet", () => {
    const root = join(SNAPSHOTS, last, "infrastructure", "kubernetes");
    const policies = walk(join(root, "network-policies")).flatMap(loadDocs);
    const denyNamespaces = new Set(
      policies
        .filter((p) => p.kind === "NetworkPolicy" && Object.keys(p.spec.podSelector ?? {}).length === 0)
        .filter((p) => p.spec.policyTypes.includes("Ingress") && !p.spec.ingress)
        .map((p) => p.metadata.namespace),
    );
    const ws = productionWorkloads(last);
    for (const ns of new Set(ws.map((w) => w.metadata.namespace)))
      expect(denyNamespaces.has(ns), ns).toBe(true);
    const pdbs = walk(join(root, "pdb")).flatMap(loadDocs);
    for (const w of ws.filter((x) => x.kind !== "DaemonSet")) {
      const labels = podTemplate(w)?.metadata?.labels ?? {};
      const covered = pdbs.some(
        (p) =>
          p.metadata.namespace === w.metadata.namespace &&
          Object.entries(p.spec.selector.matchLabels).every(([k, v]) => labels[k] === v),
      );
      expect(covered, w.metadata.name).toBe(true);
    }
  });

  it("promtail is a root DaemonSet with DAC_READ_SEARCH and a hostPath /var/log once hardened", () => {
    const promtail = productionWorkloads(last).find((w) => w.metadata.name === "promtail") as Obj;
    expect(promtail.kind).toBe("DaemonSet");
    const spec = podTemplate(promtail)?.spec;
    expect(spec.securityContext).toMatchObject({ runAsUser: 0, seccompProfile: { type: "RuntimeDefault" } });
    expect(spec.containers[0].securityContext.capabilities).toEqual({
      drop: ["ALL"],
      add: ["DAC_READ_SEARCH"],
    });
    expect(spec.volumes).toContainEqual({
      name: "varlog",
      hostPath: { path: "/var/log", type: "Directory" },
    });
  });

  it("Airflow components carry the app-writable pattern annotation", () => {
    const airflow = productionWorkloads(last).filter((w) =>
      /^airflow-(webserver|scheduler|worker)$/.test(w.metadata.name),
    );
    expect(airflow).toHaveLength(3);
    for (const w of airflow) expect(w.metadata.annotations?.["rampart.io/pattern"]).toBe("app-writable");
  });
});

describe("scanner input files", () => {
  it("rampart.yaml names the seed's six categories", () => {
    const config = parse(readFileSync(join(DEMO, "rampart.yaml"), "utf8"));
    expect(config).toMatchObject({ apiVersion: "rampart.io/v1", kind: "ProjectConfig" });
    expect(config.categories.map((c: Obj) => c.name)).toEqual([
      "Core Platform",
      "Feature Store",
      "Workflow Orchestration",
      "Container Registry",
      "Logging Stack",
      "ML Training",
    ]);
  });

  it("exceptions.yaml justifies promtail's exceptions", () => {
    const list = parse(readFileSync(join(DEMO, "exceptions.yaml"), "utf8"));
    expect(list).toMatchObject({ apiVersion: "rampart.io/v1", kind: "ExceptionList" });
    const controls = list.exceptions.map((e: Obj) => e.control);
    expect(controls).toEqual(
      expect.arrayContaining(["run-as-non-root", "pss-capabilities-baseline", "pss-host-path"]),
    );
    for (const e of list.exceptions) {
      expect(e.selector).toEqual({ kind: "DaemonSet", namespace: "logging", name: "promtail" });
      expect(e.justification.length).toBeGreaterThan(20);
      expect(e.owner).toBeTruthy();
    }
  });
});

describe("control ids used by the demo exist in the scanner", () => {
  it("program.yaml and exceptions.yaml", async () => {
    const { CONTROL_IDS } = await import("../scanner/index.ts");
    const known = new Set<string>(CONTROL_IDS);
    const program = parseProgramOrThrow(readFileSync(join(DEMO, "program.yaml"), "utf8"), "program.yaml");
    const used = new Set<string>();
    for (const phase of program.phases) {
      const rules = [...phase.exitCriteria, ...phase.weeks.flatMap((w) => w.exitCriteria)].map((c) => c.rule);
      for (const r of rules) {
        if (r.type === "controls-pass") for (const c of r.controls) used.add(c);
        if (r.type === "any-pass") used.add(r.control);
      }
      for (const s of phase.workStreams)
        if (s.progress.type === "scan") for (const c of s.progress.controls) used.add(c);
      for (const m of phase.metrics) if (m.kind === "control") used.add(m.control);
    }
    const exceptions = parse(readFileSync(join(DEMO, "exceptions.yaml"), "utf8"));
    for (const e of exceptions.exceptions) used.add(e.control);
    expect(used.size).toBeGreaterThan(8);
    for (const id of used) expect(known.has(id), id).toBe(true);
  });
});
