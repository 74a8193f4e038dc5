import "server-only";
import { type Connection, connectPrisma } from "@/lib/db/connect-prisma";
import { resolveDatabaseConfig } from "@/lib/db/database-config";

// One connection per server process, kept on globalThis so dev-mode reloads reuse it (PGlite allows a single
// opener of its data directory). Migrations are applied before the first query ever runs.
const globalForDb = globalThis as unknown as { rampartDb?: Promise<Connection> };

export function getConnection(): Promise<Connection> {
  globalForDb.rampartDb ??= connectPrisma(resolveDatabaseConfig()).catch((err) => {
    globalForDb.rampartDb = undefined;
    throw err;
  });
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
