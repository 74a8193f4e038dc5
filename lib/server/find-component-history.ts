import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { requireProject } from "./require-project";

/** Consecutive scans that saw the component the same way: same commit, pattern, PSS level and control statuses. */
export type HistoryRun = {
  /** The run's first scan. */
  scanId: string;
  takenAt: Date;
  /** The run's last scan (the first one when the run is one scan). */
  lastTakenAt: Date;
  /** Scans in the run. */
  count: number;
  gitRef: string | null;
  pattern: string;
  pssLevel: string;
  /** Each control's stored status (pass, fail, waived, na). */
  controls: Record<string, string>;
};

/**
 * One component across all the scans that saw it, oldest first, as runs of scans that saw it identically: the
 * number of scans, and each run's stored statuses. Reads the component's ComponentRun rows (a row per change,
 * kept at ingest, delete and prune: see store-component-runs.ts), so its cost does not grow with the history.
 */
export async function findComponentHistory(actor: Actor, projectSlug: string, componentId: string) {
  const project = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  const [component, rows] = await Promise.all([
    db.component.findFirst({
      where: { id: componentId, projectId: project.id },
      select: { id: true, kind: true, namespace: true, name: true, category: true, categoryManual: true },
    }),
    db.componentRun.findMany({
      where: { componentId },
      orderBy: [{ takenAt: "asc" }, { scanId: "asc" }],
      select: {
        scanId: true,
        takenAt: true,
        lastTakenAt: true,
        count: true,
        gitRef: true,
        pattern: true,
        pssLevel: true,
        controls: true,
      },
    }),
  ]);
  if (!component) throw new NotFoundError(`component "${componentId}"`);
  const runs: HistoryRun[] = rows.map((r) => ({ ...r, controls: r.controls as Record<string, string> }));
  return { component, scanCount: runs.reduce((n, r) => n + r.count, 0), runs };
}
