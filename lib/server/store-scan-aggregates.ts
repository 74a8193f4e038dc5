import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  appendComponentRuns,
  type Client,
  type SeenWorkload,
  storeMissingComponentRuns,
} from "./store-component-runs";

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
 * One entry of ScanAggregate's components (with p and x) or resources, as entriesSql builds it from the raw rows:
 * s holds every result's stored status, e the non-null exceptions.
 */
export type AggregateEntry = {
  c: string;
  f: string;
  g: string;
  p?: string;
  x?: unknown;
  s: Record<string, string>;
  e: Record<string, unknown>;
};

/** The entries in component id order (the order entriesSql's jsonb_agg gives, by the same collation). */
const ENTRIES = (param: number) =>
  `COALESCE((SELECT jsonb_agg(u.e ORDER BY u.e->>'c') FROM jsonb_array_elements($${param}::jsonb) AS u(e)), '[]'::jsonb)`;
const INGESTED = `INSERT INTO "ScanAggregate" ("scanId", components, resources)
SELECT $1, ${ENTRIES(2)}, ${ENTRIES(3)}
ON CONFLICT ("scanId") DO NOTHING`;

/**
 * Ingest (in the scan's transaction, right after its rows): the aggregate of scan `scanId` from the entries the
 * ingest computed of the rows it wrote, and the scan's place in its components' runs from `seen` (each workload's
 * component, pattern, PSS level and statuses), instead of reading the 270k result rows of a 10k-workload scan back
 * twice. Writes what storeScanAggregates(db, scanId) writes (scan-aggregates and ingest-fast-path tests).
 */
export async function storeIngestedAggregate(
  tx: Sql,
  scanId: string,
  {
    components,
    resources,
    seen,
    phase,
  }: {
    components: readonly AggregateEntry[];
    resources: readonly AggregateEntry[];
    seen: readonly SeenWorkload[];
    phase?: (name: string) => void;
  },
): Promise<void> {
  const written = await tx.$executeRawUnsafe(
    INGESTED,
    scanId,
    JSON.stringify(components),
    JSON.stringify(resources),
  );
  phase?.("ScanAggregate");
  if (written) await appendComponentRuns(tx, scanId, seen);
  phase?.("ComponentRun");
}

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
