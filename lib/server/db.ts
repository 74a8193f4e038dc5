import "server-only";
import { closeOnShutdown } from "@/lib/db/close-on-shutdown";
import { type Connection, connectPrisma } from "@/lib/db/connect-prisma";
import { resolveDatabaseConfig } from "@/lib/db/database-config";

// One connection per server process, kept on globalThis so dev-mode reloads reuse it (PGlite allows a single
// opener of its data directory, enforced by its lock file). Migrations are applied before the first query runs.
const globalForDb = globalThis as unknown as { rampartDb?: Promise<Connection>; rampartDbClosed?: boolean };

export function getConnection(): Promise<Connection> {
  // Once the server is shutting down, nothing may reopen the database behind the closing one.
  if (globalForDb.rampartDbClosed) return Promise.reject(new Error("the server is shutting down"));
  globalForDb.rampartDb ??= connectPrisma(resolveDatabaseConfig()).catch((err) => {
    globalForDb.rampartDb = undefined;
    throw err;
  });
  return globalForDb.rampartDb;
}

/** The connection if this process has opened (or is opening) one; never opens it (/api/metrics reads it). */
export function currentConnection(): Promise<Connection> | undefined {
  return globalForDb.rampartDb;
}

export async function getDb() {
  return (await getConnection()).prisma;
}

/** Closes the process's connection; the next getDb() opens DATABASE_URL afresh (tests, benchmarks). */
export async function closeConnection(): Promise<void> {
  const connection = globalForDb.rampartDb;
  globalForDb.rampartDb = undefined;
  if (connection) await (await connection).close();
}

/**
 * The server process: close the database cleanly (and release its lock) on SIGTERM/SIGINT, for good, together
 * with `alsoClose` (the PDF browser).
 */
export function closeConnectionOnShutdown(alsoClose: () => Promise<void> = async () => {}) {
  closeOnShutdown(async () => {
    globalForDb.rampartDbClosed = true;
    await Promise.all([closeConnection(), alsoClose()]);
  });
}
