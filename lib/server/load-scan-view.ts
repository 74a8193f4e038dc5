import "server-only";
import type { DiffStatus } from "@/lib/diff/diff-scans";
import type { DatedMetricScan, MetricException } from "@/lib/metrics";
import type { NamespaceSummary } from "@/lib/scanner";
import { currentResult, isStoredExceptionActive } from "./apply-stored-exceptions";
import { cachePromises } from "./cache-promises";
import { getDb } from "./db";
import { NotFoundError } from "./errors";

const STATUS: Record<string, DiffStatus> = { pass: "pass", fail: "fail", waived: "waived", na: "n/a" };

export type ScanViewWorkload = DatedMetricScan["workloads"][number] & {
  componentId: string;
  file: string;
  controls: Record<string, { status: DiffStatus; exception?: MetricException | null }>;
};
export type ScanView = DatedMetricScan & { id: string; environmentId: string; workloads: ScanViewWorkload[] };

/**
 * Stored views of recently read scans, by project and scan id. A stored scan never changes (statuses are written
 * once at ingest), so the view read once serves the next requests: the overview, the components page and the diff
 * read the same latest scans again and again.
 */
const storedViews = cachePromises<ScanView>(12);
/** Current views (stored exceptions applied), by scan and the exceptions as they were then. */
const currentViews = cachePromises<ScanView>(12);

/** The scan's stored results; with `controls`, only those controls' (a slim view for figures over many scans). */
async function readStoredView(
  projectId: string,
  scanId: string,
  controls?: readonly string[],
): Promise<ScanView> {
  const db = await getDb();
  const scan = await db.scan.findFirst({
    where: { id: scanId, projectId },
    select: { id: true, takenAt: true, projectId: true, environmentId: true, namespaces: true },
  });
  if (!scan) throw new NotFoundError(`scan "${scanId}"`);
  const [workloads, results] = await Promise.all([
    db.scanWorkload.findMany({
      where: { scanId },
      select: {
        componentId: true,
        file: true,
        category: true,
        pattern: true,
        features: true,
        component: { select: { kind: true, namespace: true, name: true, categoryManual: true } },
      },
    }),
    db.controlResult.findMany({
      where: controls ? { scanId, controlId: { in: [...controls] } } : { scanId },
      select: { componentId: true, controlId: true, status: true, exception: true },
    }),
  ]);
  const byComponent = new Map<string, ScanViewWorkload>();
  for (const w of workloads) {
    const { categoryManual, ...identity } = w.component;
    byComponent.set(w.componentId, {
      ...identity,
      componentId: w.componentId,
      file: w.file,
      category: categoryManual ?? w.category,
      pattern: w.pattern,
      features: w.features,
      controls: {},
    });
  }
  for (const r of results) {
    const workload = byComponent.get(r.componentId);
    if (workload) {
      workload.controls[r.controlId] = {
        status: STATUS[r.status],
        exception: r.exception as MetricException | null,
      };
    }
  }
  return {
    id: scan.id,
    environmentId: scan.environmentId,
    takenAt: scan.takenAt,
    workloads: [...byComponent.values()],
    namespaces: scan.namespaces as NamespaceSummary[],
  };
}

/**
 * A stored scan of a project (the caller has checked access with requireProject) as the figures (lib/metrics) and
 * diffs (lib/diff) read it. Statuses are as stored at ingest; with `exceptionsAt`, the project's stored exceptions
 * as they are at that time decide the waivers they own (an exception added later waives, one deleted or expired
 * since no longer does) without rewriting history. With `controls`, only those controls are read (and nothing is
 * kept in memory): for figures over many scans that read a few controls of each.
 */
export async function loadScanView(
  projectId: string,
  scanId: string,
  { exceptionsAt, controls }: { exceptionsAt?: Date; controls?: readonly string[] } = {},
): Promise<ScanView> {
  const stored = controls
    ? await readStoredView(projectId, scanId, controls)
    : await storedViews(`${projectId}:${scanId}`, () => readStoredView(projectId, scanId));
  if (!exceptionsAt) return stored;
  const db = await getDb();
  const exceptions = await db.exception.findMany({ where: { projectId } });
  // The current view follows from the stored one and the exceptions with which of them are active then: the
  // same ones give the same view, computed once (13,500 results of a 500-component scan are not redone per page).
  const fingerprint = JSON.stringify(exceptions.map((e) => [e, isStoredExceptionActive(e, exceptionsAt)]));
  return currentViews(`${projectId}:${scanId}:${fingerprint}`, async () => {
    const workloads: ScanViewWorkload[] = stored.workloads;
    return {
      ...stored,
      workloads: workloads.map((workload): ScanViewWorkload => {
        const controls: ScanViewWorkload["controls"] = {};
        for (const [controlId, { status, exception }] of Object.entries(workload.controls)) {
          controls[controlId] = currentResult(
            { status, exception },
            exceptions,
            { ...workload, environmentId: stored.environmentId },
            controlId,
            exceptionsAt,
          );
        }
        return { ...workload, controls };
      }),
    };
  });
}
