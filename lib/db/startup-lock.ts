import pg from "pg";
import type { DatabaseConfig } from "./database-config";

/** The advisory-lock key that serialises server start-up work across every process sharing one PostgreSQL. */
const STARTUP_LOCK = 0x52414d51; // "RAMQ"

/**
 * Runs `fn` (migrations, the demo load, the headless admin bootstrap) while holding a PostgreSQL session-level
 * advisory lock, so replicas started at the same instant on an empty database do that work one after another:
 * the first does it, the others find it done. The lock lives on its own connection (the work itself runs on the
 * pool) and dies with it, so a replica killed mid-start never leaves it held. PGlite needs none: its lock file
 * already admits a single process.
 */
export async function withStartupLock<T>(config: DatabaseConfig, fn: () => Promise<T>): Promise<T> {
  if (config.kind !== "postgres") return fn();
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK]);
    return await fn();
  } finally {
    // Ending the session releases the lock too; unlocking first lets the next replica go on without waiting.
    await client.query("SELECT pg_advisory_unlock($1)", [STARTUP_LOCK]).catch(() => {});
    await client.end().catch(() => {});
  }
}
