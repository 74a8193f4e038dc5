import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { controls } from "@/lib/scanner";

const synced = new WeakSet<PrismaClient>();

/** Upserts lib/scanner's control catalog into the Control table, once per client (process). */
export async function syncControlCatalog(db: PrismaClient): Promise<void> {
  if (synced.has(db)) return;
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
  synced.add(db);
}
