import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendComponentRuns, type Client, storeMissingComponentRuns } from "./store-component-runs";

/**
 * The ScanAggregate row of each scan matched by `where` (SQL over "Scan" s), computed by the database from the
 * scan's ScanWorkload, ScanResource and ControlResult rows: one JSON entry per workload and per other object (see
 * the model in schema.prisma), in component id order. A scan that has one already keeps it (scans are immutable). Nothing is interpolated but
 * the code's own filter text.
 */
const entriesSql = (table: string, fields: string) => `COALESCE((
  SELECT jsonb_agg(
    jsonb_build_object('c', w."componentId", 'f', w.file, 'g', w.category, ${fields}'s', r.s, 'e', r.e)
    ORDER BY w."componentId")
  FROM "${table}" w
  CROSS JOIN LATERAL (
    SELECT COALESCE(jsonb_object_agg(cr."controlId", cr.status), '{}'::jsonb) AS s,
      COALESCE(jsonb_object_agg(cr."controlId", cr.exception) FILTER (WHERE cr.exception IS NOT NULL), '{}'::jsonb) AS e
    FROM "ControlResult" cr
    WHERE cr."scanId" = w."scanId" AND cr."componentId" = w."componentId"
  ) r
  WHERE w."scanId" = s.id
), '[]'::jsonb)`;

/** Workloads (ScanWorkload rows) as `components`, the other objects with policy results (ScanResource) as `resources`. */
const aggregateSql = (where: string) => `
INSERT INTO "ScanAggregate" ("scanId", components, resources)
SELECT s.id, ${entriesSql("ScanWorkload", `'p', w.pattern, 'x', w.features, `)}, ${entriesSql("ScanResource", "")}
FROM "Scan" s
WHERE ${where}
ON CONFLICT ("scanId") DO NOTHING`;

const ONE = aggregateSql(`s.id = $1`);
/** A batch of the oldest scans without one: a large history is done in steps, each its own statement. */
const MISSING = aggregateSql(
  `s.id IN (SELECT s2.id FROM "Scan" s2 WHERE NOT EXISTS (SELECT 1 FROM "ScanAggregate" a WHERE a."scanId" = s2.id) ORDER BY s2."takenAt" LIMIT $1)`,
);
const BATCH = 20;

type Sql = Pick<Prisma.TransactionClient, "$executeRawUnsafe" | "$queryRawUnsafe">;

/**
 * Writes the aggregate of scan `scanId` (ingest: in the scan's transaction, after its rows), or with no id the
 * aggregates of every scan that has none (start-up backfill of scans stored before aggregates existed; safe to
 * run again or from several processes: a row is written once). Returns the number of aggregates written.
 * The scan's place in its components' runs (ComponentRun) goes with its aggregate: written with it at ingest (in
 * the scan's transaction, which holds the runs' lock until it commits; a page writing a missing aggregate passes
 * no transaction), and for scans without an aggregate (stored by SQL) recomputed by the backfill, in its own
 * transaction, before their aggregates.
 */
export async function storeScanAggregates(db: Sql, scanId: string): Promise<number>;
export async function storeScanAggregates(db: Client): Promise<number>;
export async function storeScanAggregates(db: Sql | Client, scanId?: string): Promise<number> {
  if (scanId !== undefined) {
    const written = await db.$executeRawUnsafe(ONE, scanId);
    if (written) await appendComponentRuns(db, scanId);
    return written;
  }
  // Runs first: an interrupted backfill leaves scans without aggregates, so it does the runs again next time.
  await storeMissingComponentRuns(db as Client);
  let written = 0;
  for (;;) {
    const n = await db.$executeRawUnsafe(MISSING, BATCH);
    written += n;
    if (n < BATCH) return written;
  }
}
