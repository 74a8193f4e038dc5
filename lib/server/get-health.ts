import "server-only";
import { describeDatabase } from "@/lib/db/database-config";
import { listMigrationNames } from "@/lib/db/migrations";
import { appVersion } from "@/lib/version";
import { getConnection } from "./db";

export type Health = {
  status: "ok" | "degraded";
  version: string;
  database: { kind: "pglite" | "postgres"; description: string };
  migrations: { status: "up-to-date" | "pending" | "failed"; applied: string[]; pending: string[] };
};

export async function getHealth(): Promise<Health> {
  const { prisma, config } = await getConnection();
  const rows = await prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
    SELECT migration_name, finished_at FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY migration_name`;
  const applied = rows.filter((r) => r.finished_at).map((r) => r.migration_name);
  const failed = rows.some((r) => !r.finished_at);
  const pending = (await listMigrationNames()).filter((name) => !applied.includes(name));
  const status = failed ? "failed" : pending.length ? "pending" : "up-to-date";
  return {
    status: status === "up-to-date" ? "ok" : "degraded",
    version: appVersion,
    database: { kind: config.kind, description: describeDatabase(config) },
    migrations: { status, applied, pending },
  };
}
