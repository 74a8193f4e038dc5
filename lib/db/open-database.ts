import { chmodSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { DataDirUnwritableError, lockDataDir } from "./data-dir-lock";
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
  if (config.dataDir === "memory://") return wrap(config, await PGlite.create({ dataDir: "memory://" }));
  ownerOnlyFromNowOn();
  try {
    makeDirectory(config.dataDir);
  } catch (err) {
    throw new DataDirUnwritableError(config.dataDir, err as NodeJS.ErrnoException);
  }
  // Taken before PGlite touches a file: a second opener is refused here and the database stays intact.
  const lock = lockDataDir(config.dataDir);
  try {
    restrictTree(config.dataDir);
    const db = await PGlite.create({ dataDir: config.dataDir });
    // PGlite lays out a new directory with its own modes (0666), past the umask: restrict them again.
    restrictTree(config.dataDir);
    const opened = wrap(config, db);
    return {
      ...opened,
      close: async () => {
        try {
          await opened.close();
          restrictTree(config.dataDir);
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    lock.release();
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Could not open the database directory ${config.dataDir}: ${reason}`, { cause: err });
  }
}

function wrap(config: DatabaseConfig, db: PGlite): OpenDatabase {
  return {
    config,
    adapterFactory: new PrismaPGlite(db) as unknown as SqlMigrationAwareDriverAdapterFactory,
    close: () => db.close(),
  };
}

/**
 * The database holds password hashes and live session tokens (in its tables and its WAL): files PGlite creates
 * from now on are owner-only (0600, directories 0700). Worker threads cannot set the umask, and PGlite sets some
 * modes itself: the directory (0700, so nothing inside is reachable by others) is restricted at open and close.
 */
function ownerOnlyFromNowOn() {
  try {
    process.umask(0o077);
  } catch {}
}

/** mkdir -p, reporting the real reason a level cannot be made (Node's recursive mkdir says ENOENT on EROFS). */
function makeDirectory(dir: string) {
  if (existsSync(dir)) return;
  makeDirectory(path.dirname(dir));
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
}

/** Owner-only modes on a data directory made before this rule (PGlite used to leave its files 0666). */
function restrictTree(dir: string) {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) restrictTree(child);
    else if (entry.isFile()) chmodSync(child, 0o600);
  }
}
