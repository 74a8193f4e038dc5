import { describe, expect, it } from "vitest";
import { computePhaseFigures, countStatuses, type MetricException } from "@/lib/metrics";
import { deploymentYaml, scanOf, svcOneRunAsNonRootException, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createProject } from "./create-project";
import { createScan } from "./create-scan";
import { getDb } from "./db";
import { loadProgram } from "./find-program-figures";
import { loadDemoProgram } from "./load-demo-program";
import { loadScanView, type ScanView } from "./load-scan-view";
import { loadSeriesViews } from "./load-series-views";
import { storeScanAggregates } from "./store-scan-aggregates";

const STATUS = { pass: "pass", fail: "fail", waived: "waived", na: "n/a" } as const;

/**
 * The oracle: a scan's view read from its raw ScanWorkload, ScanResource and ControlResult rows, as pages read it
 * before.
 */
async function rawView(scanId: string) {
  const db = await getDb();
  const scan = await db.scan.findUniqueOrThrow({ where: { id: scanId } });
  const [workloads, resources, results] = await Promise.all([
    db.scanWorkload.findMany({ where: { scanId }, include: { component: true } }),
    db.scanResource.findMany({ where: { scanId }, include: { component: true } }),
    db.controlResult.findMany({ where: { scanId } }),
  ]);
  const controlsOf = (componentId: string) =>
    Object.fromEntries(
      results
        .filter((r) => r.componentId === componentId)
        .map((r) => [
          r.controlId,
          { status: STATUS[r.status], exception: r.exception as MetricException | null },
        ]),
    );
  return {
    id: scan.id,
    environmentId: scan.environmentId,
    takenAt: scan.takenAt,
    namespaces: scan.namespaces as unknown as ScanView["namespaces"],
    workloads: workloads
      .map((w) => ({
        kind: w.component.kind,
        namespace: w.component.namespace,
        name: w.component.name,
        componentId: w.componentId,
        file: w.file,
        category: w.component.categoryManual ?? w.category,
        pattern: w.pattern,
        features: w.features,
        controls: controlsOf(w.componentId),
      }))
      .sort((a, b) => a.componentId.localeCompare(b.componentId)),
    resources: resources
      .map((r) => ({
        kind: r.component.kind,
        namespace: r.component.namespace,
        name: r.component.name,
        componentId: r.componentId,
        file: r.file,
        category: r.category,
        controls: controlsOf(r.componentId),
      }))
      .sort((a, b) => a.componentId.localeCompare(b.componentId)),
  };
}

const byComponent = <T extends { componentId: string }>(list: readonly T[]) =>
  [...list].sort((a, b) => a.componentId.localeCompare(b.componentId));
const sorted = (view: ScanView) => ({
  ...view,
  workloads: byComponent(view.workloads),
  resources: byComponent(view.resources),
});

/** Every scan of the project: the aggregate's view equals the raw rows' one, and so do its status counts. */
async function expectAggregatesMatchRawRows(projectId: string) {
  const db = await getDb();
  const scans = await db.scan.findMany({ where: { projectId }, select: { id: true } });
  expect(scans.length).toBeGreaterThan(0);
  const controls = (await db.control.findMany({ select: { id: true } })).map((c) => c.id);
  for (const { id } of scans) {
    const raw = await rawView(id);
    const view = await loadScanView(projectId, id);
    expect(sorted(view)).toEqual(raw);
    for (const control of controls) expect(countStatuses(view, control)).toEqual(countStatuses(raw, control));
  }
  // The series read a few controls of many scans at once: the same statuses as the raw rows.
  const few = ["run-as-non-root", "network-policy", "vap:trusted-registry"];
  const series = await loadSeriesViews(
    projectId,
    scans.map((s) => s.id),
    few,
  );
  for (const { id } of scans) {
    const raw = await rawView(id);
    const view = series.get(id);
    if (!view) throw new Error(`no series view of ${id}`);
    const statuses = (w: { componentId: string; controls: Record<string, { status: string }> }) => [
      w.componentId,
      Object.fromEntries(few.flatMap((c) => (w.controls[c] ? [[c, w.controls[c].status]] : []))),
    ];
    expect(sorted(view).workloads.map(statuses)).toEqual(raw.workloads.map(statuses));
    expect(sorted(view).resources.map(statuses)).toEqual(raw.resources.map(statuses));
  }
  return scans;
}

describe("ScanAggregate", () => {
  it("holds what the raw rows of every demo scan say, and the demo's figures are the raw rows' figures", async () => {
    const slug = uniqueSlug("agg-demo");
    await loadDemoProgram({ slug });
    const db = await getDb();
    const project = await db.project.findUniqueOrThrow({ where: { slug } });
    const scans = await expectAggregatesMatchRawRows(project.id);
    expect(await db.scanAggregate.count({ where: { scanId: { in: scans.map((s) => s.id) } } })).toBe(
      scans.length,
    );

    // The phase figures over the latest scans' aggregates and over their raw rows.
    const program = await loadProgram(project.id);
    const phase = program.phase;
    if (!phase) throw new Error("the demo has a current phase");
    const latest = await Promise.all(
      program.environments.map(async (e) => {
        const row = await db.scan.findFirstOrThrow({
          where: { environmentId: e.id },
          orderBy: { takenAt: "desc" },
        });
        return [e.name, row.id] as const;
      }),
    );
    const viaAggregates = Object.fromEntries(
      await Promise.all(latest.map(async ([name, id]) => [name, await loadScanView(project.id, id)])),
    );
    const viaRaw = Object.fromEntries(
      await Promise.all(latest.map(async ([name, id]) => [name, await rawView(id)])),
    );
    const figures = (scans: typeof viaRaw) =>
      computePhaseFigures({ maturity: program.maturity }, phase, scans, { state: program.state });
    expect(figures(viaAggregates)).toEqual(figures(viaRaw));
  });

  it("matches the raw rows over a generated history with stored exceptions, and the backfill writes the same rows", async () => {
    const slug = uniqueSlug("agg-history");
    const project = await createProject(SYSTEM, { slug, name: "Aggregate history" });
    const db = await getDb();
    const names = Array.from({ length: 12 }, (_, i) => `svc-${i}`);
    for (let scan = 0; scan < 6; scan++) {
      if (scan === 2) {
        // A stored exception from the third scan on: later failures of svc-1 are stored as waived.
        await db.exception.create({ data: svcOneRunAsNonRootException(project.id) });
      }
      const manifests = Object.fromEntries(
        names
          .filter((_, i) => (i + scan) % 7 !== 0) // components come and go
          .map((name, i) => [
            `${name}.yaml`,
            deploymentYaml(name, { hardened: (i * 3 + scan) % 4 === 0, namespace: i % 2 ? "apps" : "web" }),
          ]),
      );
      await createScan({
        actor: SYSTEM,
        projectSlug: slug,
        meta: {
          environment: scan % 3 === 2 ? "staging" : "production",
          takenAt: `2025-10-0${scan + 1}T10:00:00Z`,
        },
        result: scanOf(manifests, new Date(`2025-10-0${scan + 1}T10:00:00Z`)),
        source: "rampart",
      });
    }
    // A category set by hand is read as it is now, from the aggregate too.
    const component = await db.component.findFirstOrThrow({
      where: { projectId: project.id, name: "svc-3" },
    });
    await db.component.update({ where: { id: component.id }, data: { categoryManual: "by-hand" } });
    const scans = await expectAggregatesMatchRawRows(project.id);

    const ids = scans.map((s) => s.id);
    const written = await db.scanAggregate.findMany({
      where: { scanId: { in: ids } },
      orderBy: { scanId: "asc" },
    });
    await db.scanAggregate.deleteMany({ where: { scanId: { in: ids } } });
    expect(await storeScanAggregates(db)).toBeGreaterThanOrEqual(ids.length);
    expect(await storeScanAggregates(db)).toBe(0);
    expect(
      await db.scanAggregate.findMany({ where: { scanId: { in: ids } }, orderBy: { scanId: "asc" } }),
    ).toEqual(written);
  });
});
