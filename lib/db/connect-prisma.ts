import { PrismaClient } from "../generated/prisma/client";
import type { DatabaseConfig } from "./database-config";
import { applyMigrations } from "./migrations";
import { openDatabase } from "./open-database";

export type Connection = { prisma: PrismaClient; config: DatabaseConfig; close: () => Promise<void> };

/** Opens the database, applies pending migrations on that same connection, then hands out a client. */
export async function connectPrisma(config: DatabaseConfig): Promise<Connection> {
  const db = await openDatabase(config);
  await applyMigrations(db);
  const prisma = new PrismaClient({ adapter: db.adapterFactory });
  return {
    prisma,
    config,
    close: async () => {
      await prisma.$disconnect();
      await db.close();
    },
  };
}
