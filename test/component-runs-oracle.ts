import type { HistoryRun } from "@/lib/server/find-component-history";
import { getDb } from "@/lib/server/db";

/**
 * The oracle of the ComponentRun rows: the query the component page ran before them, over every scan that saw the
 * component (its raw ScanWorkload and ControlResult rows), cut into runs of consecutive scans that saw it
 * identically (same commit, pattern, PSS level and control statuses), oldest first.
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

/** The component's runs recomputed from its raw rows, in findComponentHistory's shape. */
export async function recomputedRuns(componentId: string): Promise<HistoryRun[]> {
  const db = await getDb();
  const rows = await db.$queryRawUnsafe<HistoryRun[]>(RUNS, componentId);
  return rows.map((r) => ({ ...r, takenAt: new Date(r.takenAt), lastTakenAt: new Date(r.lastTakenAt) }));
}
