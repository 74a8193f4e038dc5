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

async function upsertCatalog(db: PrismaClient): Promise<void> {
  await db.$transaction(
    controls.map((c, position) => {
      const data = {
        title: c.title,
        rationale: c.rationale,
        severity: c.severity,
        category: c.category,
        mapping: c.mapping as object,
        remediation: c.remediation,
        position,
      };
      return db.control.upsert({ where: { id: c.id }, create: { id: c.id, ...data }, update: data });
    }),
  );
}
