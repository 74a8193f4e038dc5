import "server-only";
import type { DiffStatus } from "@/lib/diff/diff-scans";
import type { DatedMetricScan, MetricException } from "@/lib/metrics";
import type { NamespaceSummary } from "@/lib/scanner";
import { currentResult } from "./apply-stored-exceptions";
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
 * A stored scan of a project (the caller has checked access with requireProject) as the figures (lib/metrics) and diffs (lib/diff) read it. Statuses are as stored at ingest;
 * with `exceptionsAt`, the project's stored exceptions as they are at that time decide the waivers they own (an
 * exception added later waives, one deleted or expired since no longer does) without rewriting history.
 */
export async function loadScanView(
  projectId: string,
  scanId: string,
  { exceptionsAt }: { exceptionsAt?: Date } = {},
): Promise<ScanView> {
  const db = await getDb();
  const scan = await db.scan.findFirst({
    where: { id: scanId, projectId },
    select: { id: true, takenAt: true, projectId: true, environmentId: true, namespaces: true },
  });
  if (!scan) throw new NotFoundError(`scan "${scanId}"`);
  const [workloads, results, exceptions] = await Promise.all([
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
      where: { scanId },
      select: { componentId: true, controlId: true, status: true, exception: true },
    }),
    exceptionsAt ? db.exception.findMany({ where: { projectId: scan.projectId } }) : Promise.resolve([]),
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
    if (!workload) continue;
    const recorded = { status: STATUS[r.status], exception: r.exception as MetricException | null };
    const { status, exception } = exceptionsAt
      ? currentResult(
          recorded,
          exceptions,
          { ...workload, environmentId: scan.environmentId },
          r.controlId,
          exceptionsAt,
        )
      : recorded;
    workload.controls[r.controlId] = { status, exception };
  }
  return {
    id: scan.id,
    environmentId: scan.environmentId,
    takenAt: scan.takenAt,
    workloads: [...byComponent.values()],
    namespaces: scan.namespaces as NamespaceSummary[],
  };
}
