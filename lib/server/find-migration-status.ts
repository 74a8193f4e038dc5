import "server-only";
import { listMigrationNames } from "@/lib/db/migrations";
import type { getConnection } from "./db";

type Prisma = Awaited<ReturnType<typeof getConnection>>["prisma"];

export type MigrationStatus = {
  status: "up-to-date" | "pending" | "failed";
  applied: string[];
  pending: string[];
};

/**
 * The migrations this build ships against those the database has applied, read from the database every time, so
 * a replica started before a migration Job finished (or with an older image) sees it.
 */
export async function findMigrationStatus(prisma: Prisma): Promise<MigrationStatus> {
  const rows = await prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
    SELECT migration_name, finished_at FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY migration_name`;
  const applied = rows.filter((r) => r.finished_at).map((r) => r.migration_name);
  const failed = rows.some((r) => !r.finished_at);
  const pending = (await listMigrationNames()).filter((name) => !applied.includes(name));
  return { status: failed ? "failed" : pending.length ? "pending" : "up-to-date", applied, pending };
}
