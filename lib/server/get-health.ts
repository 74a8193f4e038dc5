import "server-only";
import { describeDatabase } from "@/lib/db/database-config";
import { DISK_FULL_MESSAGE, isDiskFull } from "@/lib/db/storage-fault";
import { appVersion } from "@/lib/version";
import { getConnection } from "./db";
import { findMigrationStatus, type MigrationStatus } from "./find-migration-status";

export type Health = {
  status: "ok" | "degraded";
  version: string;
  database: { kind: "pglite" | "postgres"; description: string };
  migrations: MigrationStatus;
  writes: { status: "ok" | "failing"; error?: string };
};

type Prisma = Awaited<ReturnType<typeof getConnection>>["prisma"];

const PROBE_OK = "rampart write probe: ok";

/**
 * Whether the database can store new data now. Small writes still fit in pages already on disk when it is full,
 * so the probe makes the database extend a file (a new table's first page), as a real ingest does, and then rolls
 * everything back. Asked of the database every time rather than remembered, so every server process sharing it
 * gives the same answer, and a disk freed again is seen at once.
 */
async function probeWrites(prisma: Prisma): Promise<Health["writes"]> {
  try {
    await prisma.$executeRawUnsafe(
      `DO $$ BEGIN CREATE TABLE rampart_write_probe (n int); INSERT INTO rampart_write_probe VALUES (1); RAISE EXCEPTION '${PROBE_OK}'; END $$`,
    );
  } catch (err) {
    if (err instanceof Error && err.message.includes(PROBE_OK)) return { status: "ok" };
    return { status: "failing", error: isDiskFull(err) ? DISK_FULL_MESSAGE : "the database refuses writes" };
  }
  return { status: "failing", error: "the write probe was not rolled back" };
}

export async function getHealth(): Promise<Health> {
  const { prisma, config } = await getConnection();
  const migrations = await findMigrationStatus(prisma);
  const writes = await probeWrites(prisma);
  return {
    status: migrations.status === "up-to-date" && writes.status === "ok" ? "ok" : "degraded",
    version: appVersion,
    database: { kind: config.kind, description: describeDatabase(config) },
    migrations,
    writes,
  };
}
