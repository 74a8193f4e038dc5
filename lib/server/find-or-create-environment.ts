import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Environments come into being with their first scan, inside that scan's transaction (`tx`), so an ingest that
 * fails or is killed midway leaves no empty environment behind. Concurrent first scans must not collide: the
 * insert skips an existing row and the read returns whichever committed first.
 */
export async function findOrCreateEnvironment(
  tx: Prisma.TransactionClient,
  projectId: string,
  name: string,
  description = "",
) {
  await tx.environment.createMany({ data: [{ projectId, name, description }], skipDuplicates: true });
  return tx.environment.findUniqueOrThrow({ where: { projectId_name: { projectId, name } } });
}
