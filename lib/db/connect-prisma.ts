import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";
import type { DatabaseConfig } from "./database-config";
import { applyMigrations } from "./migrations";
import { openDatabase } from "./open-database";

/** The client's connections: PostgreSQL's pool, or PGlite's one in-process connection (no pool, nothing waits). */
export type PoolStats =
  | { engine: "postgresql"; total: number; idle: number; waiting: number }
  | { engine: "pglite"; total: 1 };

export type Connection = {
  prisma: PrismaClient;
  config: DatabaseConfig;
  poolStats: () => PoolStats;
  close: () => Promise<void>;
};

/** Opens the database, applies pending migrations on that same connection, then hands out a client. */
export async function connectPrisma(config: DatabaseConfig): Promise<Connection> {
  const db = await openDatabase(config);
  await applyMigrations(db);
  // On PostgreSQL the client gets a pool of its own (the migration engine's connections, one holding its advisory
  // lock, were closed with their own pools), so /api/metrics can read its counts.
  const pool = config.kind === "postgres" ? new pg.Pool({ connectionString: config.url }) : null;
  const prisma = new PrismaClient({ adapter: pool ? new PrismaPg(pool) : db.adapterFactory });
  return {
    prisma,
    config,
    poolStats: () =>
      pool
        ? { engine: "postgresql", total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }
        : { engine: "pglite", total: 1 },
    close: async () => {
      await prisma.$disconnect();
      await pool?.end();
      await db.close();
    },
  };
}
