import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/**
 * ComponentRun rows: each component's history cut into runs of consecutive scans (in (takenAt, scan id) order)
 * that saw it identically — same commit (gitRef), pattern, PSS level and control statuses — so that the component
 * page reads a row per change instead of aggregating ControlResult over every scan that ever saw the component.
 *
 * Kept exact by the writers of the rows they derive from, in their transactions:
 * - ingest (storeScanAggregates → appendComponentRuns): a scan newer than a component's last run extends that
 *   run or starts one (no raw rows read); a scan older than it (out-of-order ingest) recomputes the runs from the
 *   run before the scan onwards;
 * - deleteScan and pruneScans: runsToRecompute before the delete, recomputeComponentRuns after it;
 * - scans without aggregates (stored by SQL, or before ComponentRun existed) and components with scans but no
 *   runs: storeMissingComponentRuns, from the start-up backfill (storeScanAggregates with no scan id).
 *
 * Recomputing from a run start is exact: if every change to a component's scans is at a position after the start
 * P of one of its runs (the last run starting before the earliest changed scan), the runs before P keep their
 * scans and their boundary with P (P's first scan stays), and the runs from P onwards are a function of the scans
 * from P onwards only.
 */

type Sql = Pick<Prisma.TransactionClient, "$executeRawUnsafe" | "$queryRawUnsafe">;
/** A client that opens transactions (not one inside a transaction: PGlite's adapter has no nested ones). */
export type Client = Sql & Pick<PrismaClient, "$transaction">;

/** Where to recompute from, per component: JSON [{ c: componentId, t: takenAt, s: scanId }], t/s null = all. */
export type RunsPlan = string;

const CONTROLS = `(SELECT COALESCE(jsonb_object_agg(cr."controlId", cr.status), '{}'::jsonb) FROM "ControlResult" cr
  WHERE cr."scanId" = w."scanId" AND cr."componentId" = w."componentId")`;

const COLUMNS = `"componentId", "scanId", "takenAt", "lastScanId", "lastTakenAt", count, "gitRef", pattern, "pssLevel", controls`;

/** Serialises the runs' writers per environment (ingest of two scans at once, a delete during an ingest). */
const LOCK = (environments: string) =>
  `SELECT pg_advisory_xact_lock(hashtext('rampart-component-runs'), hashtext(e)) FROM (${environments}) AS l(e) ORDER BY e`;

/**
 * For each component of `targets` (a query of "componentId", "takenAt", "scanId": the earliest changed scan), the
 * start of its last run that starts before that scan: the plan recomputeComponentRuns takes.
 */
const planSql = (targets: string) => `
SELECT COALESCE(jsonb_agg(jsonb_build_object('c', x."componentId", 't', p."takenAt", 's', p."scanId")), '[]'::jsonb)::text AS plan
FROM (${targets}) x
LEFT JOIN LATERAL (
  SELECT r."takenAt", r."scanId" FROM "ComponentRun" r
  WHERE r."componentId" = x."componentId" AND (r."takenAt", r."scanId") < (x."takenAt", x."scanId")
  ORDER BY r."takenAt" DESC, r."scanId" DESC LIMIT 1
) p ON true`;

const PLAN_ROWS = `jsonb_to_recordset($1::jsonb) AS x(c text, t timestamp(3), s text)`;

const DELETE_FROM_PLAN = `
DELETE FROM "ComponentRun" r USING ${PLAN_ROWS}
WHERE r."componentId" = x.c AND (x.t IS NULL OR (r."takenAt", r."scanId") >= (x.t, x.s))`;

/** The runs of the plan's components from their start on, from the raw ScanWorkload and ControlResult rows. */
const INSERT_FROM_PLAN = `
WITH seen AS (
  SELECT w."componentId", w."scanId", s."takenAt", s."gitRef", w.pattern, w."pssLevel", ${CONTROLS} AS controls
  FROM ${PLAN_ROWS}
  JOIN "ScanWorkload" w ON w."componentId" = x.c
  JOIN "Scan" s ON s.id = w."scanId"
  WHERE x.t IS NULL OR (s."takenAt", w."scanId") >= (x.t, x.s)
), marked AS (
  SELECT seen.*, CASE WHEN row_number() OVER o > 1
      AND ("gitRef", pattern, "pssLevel", controls) IS NOT DISTINCT FROM
        (lag("gitRef") OVER o, lag(pattern) OVER o, lag("pssLevel") OVER o, lag(controls) OVER o)
    THEN 0 ELSE 1 END AS starts
  FROM seen WINDOW o AS (PARTITION BY "componentId" ORDER BY "takenAt", "scanId")
), numbered AS (
  SELECT marked.*, sum(starts) OVER (PARTITION BY "componentId" ORDER BY "takenAt", "scanId") AS run FROM marked
)
INSERT INTO "ComponentRun" (${COLUMNS})
SELECT "componentId", (array_agg("scanId" ORDER BY "takenAt", "scanId"))[1], min("takenAt"),
  (array_agg("scanId" ORDER BY "takenAt" DESC, "scanId" DESC))[1], max("takenAt"), count(*)::int,
  min("gitRef"), min(pattern), min("pssLevel"), (array_agg(controls))[1]
FROM numbered GROUP BY "componentId", run`;

/**
 * Recomputes the runs of the plan's components from where the plan says, from the raw rows as they are now (after
 * a delete, or with the scans an ingest or a copy added). In the caller's transaction.
 */
export async function recomputeComponentRuns(tx: Sql, plan: RunsPlan): Promise<void> {
  if (plan === "[]") return;
  await tx.$executeRawUnsafe(DELETE_FROM_PLAN, plan);
  await tx.$executeRawUnsafe(INSERT_FROM_PLAN, plan);
}

/**
 * Before scans are deleted (in the deleting transaction): the components they saw, each with the run start to
 * recompute from once they are gone. Takes the runs' lock of their environments.
 */
export async function runsToRecompute(tx: Sql, scanIds: readonly string[]): Promise<RunsPlan> {
  if (scanIds.length === 0) return "[]";
  const ids = JSON.stringify(scanIds);
  const inScans = `SELECT jsonb_array_elements_text($1::jsonb)`;
  await tx.$executeRawUnsafe(
    LOCK(`SELECT DISTINCT "environmentId" FROM "Scan" WHERE id IN (${inScans})`),
    ids,
  );
  const [{ plan }] = await tx.$queryRawUnsafe<{ plan: string }[]>(
    planSql(`SELECT DISTINCT ON (w."componentId") w."componentId", s."takenAt", s.id AS "scanId"
      FROM "ScanWorkload" w JOIN "Scan" s ON s.id = w."scanId"
      WHERE w."scanId" IN (${inScans})
      ORDER BY w."componentId", s."takenAt", s.id`),
    ids,
  );
  return plan;
}

/**
 * Scan `scanId` (just stored, in its transaction) into its components' runs. A component whose last run ends
 * before the scan gets its last run extended (same commit, pattern, PSS level and statuses) or a new run, from
 * the scan's own rows; a component with runs ending after it (the scan is older than the latest: out-of-order
 * ingest) is recomputed from the run before it; a component with other scans but no runs at all, from its start.
 * Idempotent: a scan that is already its component's last is left as it is.
 */
export async function appendComponentRuns(
  tx: Sql,
  scanId: string,
  seen?: readonly SeenWorkload[],
): Promise<void> {
  await tx.$executeRawUnsafe(LOCK(`SELECT "environmentId" FROM "Scan" WHERE id = $1`), scanId);
  const [{ plan }] = seen
    ? await tx.$queryRawUnsafe<{ plan: string }[]>(APPEND_SEEN, scanId, JSON.stringify(seen))
    : await tx.$queryRawUnsafe<{ plan: string }[]>(APPEND, scanId);
  await recomputeComponentRuns(tx, plan);
}

/**
 * What the scan saw of a component, as the ingest wrote it: component id, pattern, PSS level and each control's
 * stored status (its ScanWorkload row and ControlResult rows).
 */
export type SeenWorkload = { c: string; p: string; l: string; s: Record<string, string> };

/** The scan's workloads and their statuses from its raw rows. */
const SEEN_ROWS = `
  SELECT w."componentId", w."scanId", s."takenAt", s."gitRef", w.pattern, w."pssLevel", ${CONTROLS} AS controls
  FROM "ScanWorkload" w JOIN "Scan" s ON s.id = w."scanId"
  WHERE w."scanId" = $1`;

/** The same from the ingest's own account of them ($2, SeenWorkload[]): no raw row is read back. */
const SEEN_PASSED = `
  SELECT x.c AS "componentId", s.id AS "scanId", s."takenAt", s."gitRef", x.p AS pattern, x.l AS "pssLevel",
    x.s AS controls
  FROM jsonb_to_recordset($2::jsonb) AS x(c text, p text, l text, s jsonb) CROSS JOIN "Scan" s
  WHERE s.id = $1`;

const appendSql = (seen: string) => `
WITH seen AS (${seen}
), cur AS (
  SELECT seen.*, l."scanId" AS "runScanId", l."takenAt" AS "runTakenAt", l."lastScanId", l."lastTakenAt",
    l."componentId" IS NOT NULL AS "hasRuns",
    CASE
      WHEN l."componentId" IS NULL THEN
        CASE WHEN EXISTS (SELECT 1 FROM "ScanWorkload" o WHERE o."componentId" = seen."componentId" AND o."scanId" <> seen."scanId")
          THEN 'recompute' ELSE 'new' END
      WHEN (l."lastTakenAt", l."lastScanId") < (seen."takenAt", seen."scanId") THEN
        CASE WHEN (seen."gitRef", seen.pattern, seen."pssLevel", seen.controls) IS NOT DISTINCT FROM
            (l."gitRef", l.pattern, l."pssLevel", l.controls::jsonb) THEN 'extend' ELSE 'new' END
      WHEN l."lastScanId" = seen."scanId" THEN 'stored'
      ELSE 'recompute'
    END AS action
  FROM seen LEFT JOIN LATERAL (
    SELECT r.* FROM "ComponentRun" r WHERE r."componentId" = seen."componentId"
    ORDER BY r."takenAt" DESC, r."scanId" DESC LIMIT 1
  ) l ON true
), extended AS (
  UPDATE "ComponentRun" r SET "lastScanId" = c."scanId", "lastTakenAt" = c."takenAt", count = r.count + 1
  FROM cur c
  WHERE c.action = 'extend' AND r."componentId" = c."componentId" AND r."takenAt" = c."runTakenAt"
    AND r."scanId" = c."runScanId"
), started AS (
  INSERT INTO "ComponentRun" (${COLUMNS})
  SELECT "componentId", "scanId", "takenAt", "scanId", "takenAt", 1, "gitRef", pattern, "pssLevel", controls
  FROM cur WHERE action = 'new'
)
${planSql(`SELECT "componentId", CASE WHEN "hasRuns" THEN "takenAt" END AS "takenAt", "scanId" FROM cur WHERE action = 'recompute'`)}`;

const APPEND = appendSql(SEEN_ROWS);
const APPEND_SEEN = appendSql(SEEN_PASSED);

/**
 * The start-up backfill (before the scans without aggregates get theirs): the components of scans without an
 * aggregate (stored by SQL copies, as bench-web seeds, not by createScan) are recomputed from the earliest such
 * scan, and components that have scans but no runs (databases from before ComponentRun) from their start. Returns
 * the number of components recomputed. One transaction; safe to run again.
 */
export async function storeMissingComponentRuns(db: Client): Promise<number> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(LOCK(`SELECT DISTINCT "environmentId" FROM "Component"`));
      const missing = await tx.$queryRawUnsafe<{ id: string }[]>(
        `SELECT s.id FROM "Scan" s WHERE NOT EXISTS (SELECT 1 FROM "ScanAggregate" a WHERE a."scanId" = s.id)`,
      );
      const copied = JSON.parse(
        await runsToRecompute(
          tx,
          missing.map((s) => s.id),
        ),
      ) as { c: string }[];
      const [{ plan: never }] = await tx.$queryRawUnsafe<{ plan: string }[]>(
        `SELECT COALESCE(jsonb_agg(jsonb_build_object('c', c.id, 't', null, 's', null)), '[]'::jsonb)::text AS plan
      FROM "Component" c
      WHERE NOT EXISTS (SELECT 1 FROM "ComponentRun" r WHERE r."componentId" = c.id)
        AND EXISTS (SELECT 1 FROM "ScanWorkload" w WHERE w."componentId" = c.id)`,
      );
      const seen = new Set(copied.map((p) => p.c));
      const all = [...copied, ...(JSON.parse(never) as { c: string }[]).filter((p) => !seen.has(p.c))];
      // In steps: each statement reads a step's components' whole history at most.
      for (let i = 0; i < all.length; i += STEP)
        await recomputeComponentRuns(tx, JSON.stringify(all.slice(i, i + STEP)));
      return all.length;
    },
    { timeout: 30 * 60_000, maxWait: 2 * 60_000 },
  );
}
const STEP = 50;
