import "server-only";
import { getConnection } from "./db";
import { findMigrationStatus } from "./find-migration-status";

export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * Whether this process should get traffic: the database answers and every migration this build ships is applied
 * (a Deployment's readiness probe; /api/health also probes writes). Says why not in words safe for anyone: no
 * host names or error texts.
 */
export async function getReadiness(): Promise<Readiness> {
  let migrations: Awaited<ReturnType<typeof findMigrationStatus>>;
  try {
    const { prisma } = await getConnection();
    migrations = await findMigrationStatus(prisma);
  } catch {
    return { ready: false, reason: "the database does not answer" };
  }
  if (migrations.status === "failed") return { ready: false, reason: "a migration failed" };
  if (migrations.status === "pending")
    return { ready: false, reason: `${migrations.pending.length} migration(s) not applied yet` };
  return { ready: true };
}
