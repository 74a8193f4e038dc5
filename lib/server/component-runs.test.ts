import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { recomputedRuns } from "@/test/component-runs-oracle";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createProject } from "./create-project";
import { createScan } from "./create-scan";
import { getDb } from "./db";
import { deleteScan } from "./delete-scan";
import { findComponentHistory } from "./find-component-history";
import { findComponent } from "./find-components";
import { loadDemoProgram } from "./load-demo-program";
import { pruneScans } from "./prune-scans";
import { appendComponentRuns } from "./store-component-runs";
import { storeScanAggregates } from "./store-scan-aggregates";

/**
 * The stored runs (ComponentRun, what the component page reads) against the runs recomputed from the raw rows by
 * the query the page ran before them (test/component-runs-oracle.ts), for every component of the program; and the
 * page's latest results against the scan that last saw each component. Returns the number of components and runs.
 */
async function expectExact(slug: string) {
  const db = await getDb();
  const components = await db.component.findMany({
    where: { project: { slug }, workloads: { some: {} } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  let runs = 0;
  for (const { id } of components) {
    const history = await findComponentHistory(SYSTEM, slug, id);
    const oracle = await recomputedRuns(id);
    expect(oracle.length).toBeGreaterThan(0);
    expect(history.runs).toEqual(oracle);
    expect(history.scanCount).toBe(await db.scanWorkload.count({ where: { componentId: id } }));
    runs += oracle.length;
    const latest = await db.scanWorkload.findFirstOrThrow({
      where: { componentId: id },
      orderBy: [{ scan: { takenAt: "desc" } }, { scanId: "desc" }],
      select: { scanId: true, scan: { select: { takenAt: true } } },
    });
    const detail = await findComponent(SYSTEM, slug, id);
    expect(detail.workload?.scanId).toBe(latest.scanId);
    expect(detail.workload?.takenAt).toEqual(latest.scan.takenAt);
  }
  // No runs are left of components no scan sees any more.
  expect(
    await db.componentRun.count({
      where: { component: { project: { slug }, workloads: { none: {} } } },
    }),
  ).toBe(0);
  return { components: components.length, runs };
}

describe("component runs on the demo", () => {
  const slug = uniqueSlug("runs-demo");
  beforeAll(() => loadDemoProgram({ slug }));

  it("equal the runs recomputed from the raw rows, for every component", async () => {
    // The demo: 20 production and some dev workloads, 4 scans each, every scan its own commit.
    const { components, runs } = await expectExact(slug);
    expect(components).toBeGreaterThanOrEqual(20);
    expect(runs).toBeGreaterThanOrEqual(4 * 20);
  });
});

/** svc-a's hardening, svc-b's presence and the commit per scan index: repeated states make runs of several scans. */
const HARDENED = [false, false, false, true, true, false, true, true, true, false, false, true];
const manifests = (i: number) => ({
  "a.yaml": deploymentYaml("svc-a", { hardened: HARDENED[i] }),
  ...(i % 4 === 2 ? {} : { "b.yaml": deploymentYaml("svc-b") }),
  ...(i >= 5 ? { "c.yaml": deploymentYaml("svc-c", { hardened: i % 2 === 0 }) } : {}),
});
/** One scan a week from 2025-01-06 over three months, so that a prune has months with scans in between to drop. */
const takenAtOf = (i: number) => new Date(Date.UTC(2025, 0, 6 + 7 * i, 10)).toISOString();

async function store(slug: string, i: number) {
  return createScan({
    actor: SYSTEM,
    projectSlug: slug,
    meta: {
      environment: "production",
      takenAt: takenAtOf(i),
      gitRef: i >= 8 ? "commit-2" : "commit-1",
      idempotencyKey: `scan-${i}`,
    },
    result: scanOf(manifests(i), new Date(takenAtOf(i))),
    source: "rampart",
  });
}

describe("component runs over a generated history", () => {
  const slug = uniqueSlug("runs-history");
  const ids = new Map<number, string>();

  beforeAll(() => createProject(SYSTEM, { slug, name: "Component runs" }));

  it("stay exact through ingest in order and out of order (older scans than the latest)", async () => {
    // In order first, then the gaps out of order: before everything, between runs, inside a run.
    const order = [1, 3, 4, 6, 7, 10, 0, 8, 2, 11, 5, 9];
    for (const i of order) {
      ids.set(i, (await store(slug, i)).id);
      await expectExact(slug);
    }
    const db = await getDb();
    const a = await db.component.findFirstOrThrow({ where: { project: { slug }, name: "svc-a" } });
    const history = await findComponentHistory(SYSTEM, slug, a.id);
    expect(history.scanCount).toBe(12);
    // Hardening f,f,f,t,t,f,t,t | commit-2: t,f,f,t.
    expect(history.runs.map((r) => r.count)).toEqual([3, 2, 1, 2, 1, 2, 1]);
    expect(history.runs.map((r) => r.controls["run-as-non-root"])).toEqual([
      "fail",
      "pass",
      "fail",
      "pass",
      "pass",
      "fail",
      "pass",
    ]);
  });

  it("are unchanged by storing a scan's runs again (idempotent)", async () => {
    const db = await getDb();
    const before = await db.componentRun.findMany({ where: { component: { project: { slug } } } });
    for (const id of [ids.get(11), ids.get(5), ids.get(0)])
      await db.$transaction((tx) => appendComponentRuns(tx, id as string));
    const after = await db.componentRun.findMany({ where: { component: { project: { slug } } } });
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after.length).toBe(before.length);
  });

  it("stay exact when scans are deleted: inside a run, a run's only scan, the first and the latest", async () => {
    for (const i of [4, 5, 0, 11]) {
      await deleteScan(SYSTEM, slug, ids.get(i) as string);
      ids.delete(i);
      await expectExact(slug);
    }
  });

  it("stay exact when scans are pruned", async () => {
    const pruned = await pruneScans({ days: 30, now: new Date("2026-01-01T00:00:00Z"), projectSlug: slug });
    // Weekly scans over three months: each month keeps its first and last, the middle ones go.
    expect(pruned.flatMap((p) => p.scans).length).toBeGreaterThan(0);
    const { runs } = await expectExact(slug);
    expect(runs).toBeGreaterThan(0);
  });

  it("are rebuilt by the start-up backfill: for scans stored by SQL without aggregates, and when missing", async () => {
    const db = await getDb();
    // Copies of a scan at other times, as bench-web seeds (no createScan: neither aggregates nor runs).
    const template = [...ids.values()][0];
    for (const [n, takenAt] of [
      "2025-01-01T00:00:00Z",
      "2025-02-15T00:00:00Z",
      "2025-06-01T00:00:00Z",
    ].entries()) {
      const id = randomUUID();
      await db.$transaction([
        db.$executeRawUnsafe(
          `INSERT INTO "Scan" (id, "takenAt", "idempotencyKey", "projectId", "environmentId", source, tool, "toolVersion", "gitRef", "workloadCount", "errorCount", summary, objects, namespaces, errors, notes)
           SELECT $1, $2::timestamp, $3, "projectId", "environmentId", source, tool, "toolVersion", "gitRef", "workloadCount", "errorCount", summary, objects, namespaces, errors, notes FROM "Scan" WHERE id = $4`,
          id,
          takenAt.replace("Z", ""),
          `copy-${n}`,
          template,
        ),
        db.$executeRawUnsafe(
          `INSERT INTO "ScanWorkload" ("scanId", "componentId", "apiVersion", file, document, line, category, pattern, "patternSource", "pssLevel", labels, "podLabels", containers, features)
           SELECT $1, "componentId", "apiVersion", file, document, line, category, pattern, "patternSource", "pssLevel", labels, "podLabels", containers, features FROM "ScanWorkload" WHERE "scanId" = $2`,
          id,
          template,
        ),
        db.$executeRawUnsafe(
          `INSERT INTO "ControlResult" ("scanId", "componentId", "controlId", status, message, containers, exception, "expiredException")
           SELECT $1, "componentId", "controlId", status, message, containers, exception, "expiredException" FROM "ControlResult" WHERE "scanId" = $2`,
          id,
          template,
        ),
      ]);
    }
    expect(await storeScanAggregates(db)).toBeGreaterThanOrEqual(3);
    const copied = await expectExact(slug);
    // A database from before ComponentRun: no runs at all until the backfill.
    await db.componentRun.deleteMany({ where: { component: { project: { slug } } } });
    expect(await storeScanAggregates(db)).toBe(0);
    expect(await expectExact(slug)).toEqual(copied);
  });
});
