import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { controls } from "@/lib/scanner";

// One sync per client (process), shared by every caller until it is done: a fresh server that gets 20 pushes at
// once must not start 20 catalog transactions (they queue for the pool and time out as 500s). A failed sync is
// forgotten, so the next call tries again.
const syncs = new WeakMap<PrismaClient, Promise<void>>();

/** Upserts lib/scanner's control catalog into the Control table, once per client (process). */
export function syncControlCatalog(db: PrismaClient): Promise<void> {
  let sync = syncs.get(db);
  if (!sync) {
    sync = upsertCatalog(db);
    syncs.set(db, sync);
    sync.catch(() => syncs.delete(db));
  }
  return sync;
}

/**
 * One statement (it was one upsert per control, ~40 round trips, the first ingest of every process paid them):
 * every control inserted, or its row updated to the catalog's text, severity, category, mapping and position.
 */
async function upsertCatalog(db: PrismaClient): Promise<void> {
  const rows = controls.map((c, position) => ({
    id: c.id,
    title: c.title,
    rationale: c.rationale,
    severity: c.severity,
    category: c.category,
    mapping: c.mapping,
    remediation: c.remediation,
    position,
  }));
  await db.$executeRawUnsafe(
    `INSERT INTO "Control" (id, title, rationale, severity, category, mapping, remediation, position)
     SELECT id, title, rationale, severity, category, mapping, remediation, position
     FROM jsonb_to_recordset($1::jsonb)
       AS x(id text, title text, rationale text, severity text, category text, mapping jsonb, remediation text, position int)
     ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, rationale = EXCLUDED.rationale,
       severity = EXCLUDED.severity, category = EXCLUDED.category, mapping = EXCLUDED.mapping,
       remediation = EXCLUDED.remediation, position = EXCLUDED.position`,
    JSON.stringify(rows),
  );
}
