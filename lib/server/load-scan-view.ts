import "server-only";
import { cache } from "react";
import type { DiffStatus } from "@/lib/diff/diff-scans";
import type { DatedMetricScan, MetricException } from "@/lib/metrics";
import type { NamespaceSummary } from "@/lib/scanner";
import { currentResult, isStoredExceptionActive } from "./apply-stored-exceptions";
import { cachePromises } from "./cache-promises";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { storeScanAggregates } from "./store-scan-aggregates";

const STATUS: Record<string, DiffStatus> = { pass: "pass", fail: "fail", waived: "waived", na: "n/a" };

export type ScanViewWorkload = DatedMetricScan["workloads"][number] & {
  componentId: string;
  file: string;
  controls: Record<string, { status: DiffStatus; exception?: MetricException | null }>;
};
/** A scanned object that is not a workload, with its custom controls' results (a ScanResource row). */
export type ScanViewResource = Omit<ScanViewWorkload, "pattern" | "features">;
export type ScanView = DatedMetricScan & {
  id: string;
  environmentId: string;
  workloads: ScanViewWorkload[];
  resources: ScanViewResource[];
};

/**
 * Stored views of recently read scans, by project and scan id. A stored scan never changes (statuses are written
 * once at ingest), so the view read once serves the next requests: the overview, the components page and the diff
 * read the same latest scans again and again.
 */
const storedViews = cachePromises<ScanView>(12);
/** Current views (stored exceptions applied), by scan and the exceptions as they were then. */
const currentViews = cachePromises<ScanView>(12);

/** A ScanAggregate entry (see schema.prisma); `resources` entries have no pattern nor features. */
type AggregateEntry = {
  c: string;
  f: string;
  g: string;
  p: string;
  x: unknown;
  s: Record<string, string>;
  e: Record<string, MetricException>;
};

/** The aggregate's entries with their components' identities (entries whose component is gone left out). */
export function withIdentities<E extends { c: string }, T>(
  entries: readonly E[],
  identity: ReadonlyMap<string, { kind: string; namespace: string; name: string }>,
  make: (e: E, component: { kind: string; namespace: string; name: string }) => T,
): T[] {
  return entries.flatMap((e) => {
    const component = identity.get(e.c);
    return component ? [make(e, component)] : [];
  });
}

/**
 * The scan's stored results as its aggregate holds them (one row instead of a row per result; written at ingest,
 * here if it is missing), with each component's identity. The category is as scanned: a hand-set one is
 * applied per read (withManualCategories), as it may change.
 */
async function readStoredView(projectId: string, scanId: string): Promise<ScanView> {
  const db = await getDb();
  const readAggregate = () =>
    db.scanAggregate.findUnique({ where: { scanId }, select: { components: true, resources: true } });
  const [scan, stored] = await Promise.all([
    db.scan.findFirst({
      where: { id: scanId, projectId },
      select: { id: true, takenAt: true, projectId: true, environmentId: true, namespaces: true },
    }),
    readAggregate(),
  ]);
  if (!scan) throw new NotFoundError(`scan "${scanId}"`);
  // A scan the start-up backfill has not reached yet (it runs once, before the server answers) gets it here.
  if (!stored) await storeScanAggregates(db, scanId);
  const aggregate = stored ?? (await readAggregate());
  if (!aggregate) throw new NotFoundError(`scan "${scanId}"`);
  const entries = aggregate.components as AggregateEntry[];
  const resources = aggregate.resources as AggregateEntry[];
  const identities = await db.component.findMany({
    where: { id: { in: [...entries, ...resources].map((e) => e.c) } },
    select: { id: true, kind: true, namespace: true, name: true },
  });
  const identity = new Map(identities.map(({ id, ...rest }) => [id, rest]));
  const controlsOf = (e: AggregateEntry) => {
    const statuses: ScanViewWorkload["controls"] = {};
    for (const [controlId, status] of Object.entries(e.s)) {
      statuses[controlId] = { status: STATUS[status], exception: e.e[controlId] ?? null };
    }
    return statuses;
  };
  return {
    id: scan.id,
    environmentId: scan.environmentId,
    takenAt: scan.takenAt,
    workloads: withIdentities(entries, identity, (e, component) => ({
      ...component,
      componentId: e.c,
      file: e.f,
      category: e.g,
      pattern: e.p,
      features: e.x,
      controls: controlsOf(e),
    })),
    resources: withIdentities(resources, identity, (e, component) => ({
      ...component,
      componentId: e.c,
      file: e.f,
      category: e.g,
      controls: controlsOf(e),
    })),
    namespaces: scan.namespaces as NamespaceSummary[],
  };
}

/**
 * The categories set by hand in an environment, and a project's stored exceptions, as they are now: read once per
 * request (React's cache: a page's several views share one read; nothing outlives the request).
 */
const readManualCategories = cache(async (environmentId: string) =>
  (await getDb()).component.findMany({
    where: { environmentId, categoryManual: { not: null } },
    select: { id: true, categoryManual: true },
  }),
);
const readExceptions = cache(async (projectId: string) =>
  (await getDb()).exception.findMany({ where: { projectId } }),
);

/** The view with the categories set by hand on its components as they are now. */
async function withManualCategories(view: ScanView): Promise<ScanView> {
  const manual = await readManualCategories(view.environmentId);
  if (manual.length === 0) return view;
  const category = new Map(manual.map((c) => [c.id, c.categoryManual as string]));
  const workloads: ScanViewWorkload[] = view.workloads;
  return {
    ...view,
    workloads: workloads.map((w) =>
      category.has(w.componentId) ? { ...w, category: category.get(w.componentId) as string } : w,
    ),
  };
}

/**
 * A stored scan of a project (the caller has checked access with requireProject) as the figures (lib/metrics) and
 * diffs (lib/diff) read it. Statuses are as stored at ingest; with `exceptionsAt`, the project's stored exceptions
 * as they are at that time decide the waivers they own (an exception added later waives, one deleted or expired
 * since no longer does) without rewriting history. Series over many scans read loadSeriesViews instead.
 */
export async function loadScanView(
  projectId: string,
  scanId: string,
  { exceptionsAt }: { exceptionsAt?: Date } = {},
): Promise<ScanView> {
  const stored = await storedViews(`${projectId}:${scanId}`, () => readStoredView(projectId, scanId));
  if (!exceptionsAt) return withManualCategories(stored);
  const exceptions = await readExceptions(projectId);
  // The current view follows from the stored one and the exceptions with which of them are active then: the
  // same ones give the same view, computed once (13,500 results of a 500-component scan are not redone per page).
  const fingerprint = JSON.stringify(exceptions.map((e) => [e, isStoredExceptionActive(e, exceptionsAt)]));
  const current = await currentViews(`${projectId}:${scanId}:${fingerprint}`, async () => {
    const current = <T extends ScanViewResource>(object: T): T => {
      const controls: ScanViewWorkload["controls"] = {};
      for (const [controlId, { status, exception }] of Object.entries(object.controls)) {
        controls[controlId] = currentResult(
          { status, exception },
          exceptions,
          { ...object, environmentId: stored.environmentId },
          controlId,
          exceptionsAt,
        );
      }
      return { ...object, controls };
    };
    return { ...stored, workloads: stored.workloads.map(current), resources: stored.resources.map(current) };
  });
  return withManualCategories(current);
}
