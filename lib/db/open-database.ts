import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseConfig } from "./database-config";

export type OpenDatabase = {
  config: DatabaseConfig;
  /** One driver-adapter factory per process: PGlite allows a single opener of its data directory. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  close: () => Promise<void>;
};

export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  if (config.kind === "postgres") {
    // adapter-pg >= 7 is required: 6.x cannot deserialize Postgres `name` columns in migrations.
    return { config, adapterFactory: new PrismaPg({ connectionString: config.url }), close: async () => {} };
  }
  if (config.dataDir !== "memory://") mkdirSync(config.dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir: config.dataDir });
  return {
    config,
    adapterFactory: new PrismaPGlite(db) as unknown as SqlMigrationAwareDriverAdapterFactory,
    close: () => db.close(),
  };
}
