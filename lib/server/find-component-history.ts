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
 * One query: every scan that saw the component with its stored statuses (the (componentId) index of ScanWorkload
 * and the (scanId, componentId, controlId) key of ControlResult), cut into runs of consecutive scans that saw it
 * identically, so the page reads and renders one row per change instead of one per scan (a history of 400 copies
 * of 4 states is 4 rows).
 */
const RUNS = `
WITH seen AS (
  SELECT w."scanId", s."takenAt", s."gitRef", w.pattern, w."pssLevel",
    (SELECT COALESCE(jsonb_object_agg(cr."controlId", cr.status), '{}'::jsonb) FROM "ControlResult" cr
      WHERE cr."scanId" = w."scanId" AND cr."componentId" = w."componentId") AS controls
  FROM "ScanWorkload" w JOIN "Scan" s ON s.id = w."scanId"
  WHERE w."componentId" = $1
), marked AS (
  SELECT seen.*, CASE WHEN row_number() OVER o > 1
      AND ("gitRef", pattern, "pssLevel", controls) IS NOT DISTINCT FROM
        (lag("gitRef") OVER o, lag(pattern) OVER o, lag("pssLevel") OVER o, lag(controls) OVER o)
    THEN 0 ELSE 1 END AS starts
  FROM seen WINDOW o AS (ORDER BY "takenAt", "scanId")
), numbered AS (
  SELECT marked.*, sum(starts) OVER (ORDER BY "takenAt", "scanId") AS run FROM marked
)
SELECT (array_agg("scanId" ORDER BY "takenAt", "scanId"))[1] AS "scanId", min("takenAt") AS "takenAt",
  max("takenAt") AS "lastTakenAt", count(*)::int AS count, min("gitRef") AS "gitRef", min(pattern) AS pattern,
  min("pssLevel") AS "pssLevel", (array_agg(controls))[1] AS controls
FROM numbered GROUP BY run ORDER BY run`;

/**
 * One component across all the scans that saw it, oldest first, as runs of scans that saw it identically: the
 * number of scans, and each run's stored statuses.
 */
export async function findComponentHistory(actor: Actor, projectSlug: string, componentId: string) {
  const project = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  const [component, rows] = await Promise.all([
    db.component.findFirst({
      where: { id: componentId, projectId: project.id },
      select: { id: true, kind: true, namespace: true, name: true, category: true, categoryManual: true },
    }),
    db.$queryRawUnsafe<HistoryRun[]>(RUNS, componentId),
  ]);
  if (!component) throw new NotFoundError(`component "${componentId}"`);
  const runs = rows.map((r) => ({
    ...r,
    takenAt: new Date(r.takenAt),
    lastTakenAt: new Date(r.lastTakenAt),
  }));
  return { component, scanCount: runs.reduce((n, r) => n + r.count, 0), runs };
}
