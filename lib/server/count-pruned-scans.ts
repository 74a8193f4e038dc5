import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { PRUNE_ACTION, type PrunedScans } from "./prune-scans";

/**
 * How many scans of each environment taken in [from, to) the retention policy has pruned (as its audit entries
 * list them): a period's report still counts them among the scans of the period, so it reads as before the prune.
 */
export async function countPrunedScans(
  db: Prisma.TransactionClient,
  projectId: string,
  from: Date,
  to: Date,
): Promise<Map<string, number>> {
  const entries = await db.auditLog.findMany({
    where: { projectId, action: PRUNE_ACTION },
    select: { after: true },
  });
  const counts = new Map<string, number>();
  for (const { after } of entries) {
    const pruned = after as PrunedScans | null;
    if (!pruned?.scans) continue;
    const inRange = pruned.scans.filter((s) => {
      const at = Date.parse(s.takenAt);
      return at >= from.getTime() && at < to.getTime();
    }).length;
    counts.set(pruned.environmentId, (counts.get(pruned.environmentId) ?? 0) + inRange);
  }
  return counts;
}
