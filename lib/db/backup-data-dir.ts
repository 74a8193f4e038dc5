import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { LOCK_FILE, lockDataDir } from "./data-dir-lock";

// Backups of an embedded database: PGlite's own dump of its data directory (a gzipped tar of the cluster, taken
// after a checkpoint by the one process that has the directory open). Both directions take the directory's
// lock first, so while a server runs on it they are refused with the lock's message naming that server.

/** Writes a backup of the PGlite directory `dataDir` to `file`; returns its size in bytes. */
export async function backupDataDir(dataDir: string, file: string): Promise<number> {
  if (!existsSync(path.join(dataDir, "PG_VERSION")))
    throw new Error(`${dataDir} holds no database to back up (no PG_VERSION file)`);
  const lock = lockDataDir(dataDir);
  try {
    const db = await PGlite.create({ dataDir });
    try {
      const dump = await db.dumpDataDir("gzip");
      const bytes = Buffer.from(await dump.arrayBuffer());
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      writeFileSync(file, bytes, { mode: 0o600 });
      return bytes.length;
    } finally {
      await db.close();
    }
  } finally {
    lock.release();
  }
}

/**
 * Restores `file` (a db:backup) into the PGlite directory `dataDir`. A directory that holds a database is
 * refused unless `force`, which replaces it. The restored database is opened once to check it.
 */
export async function restoreDataDir(dataDir: string, file: string, { force = false } = {}) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // The lock first: while a server runs, its message (naming the server) is the one that matters.
  const lock = lockDataDir(dataDir);
  try {
    if (!existsSync(file)) throw new Error(`no backup file at ${file}`);
    const held = readdirSync(dataDir).filter(
      (name) => name !== LOCK_FILE && !name.startsWith(`${LOCK_FILE}.`),
    );
    if (held.length && !force)
      throw new Error(
        `${dataDir} already holds a database: restore into an empty directory, or pass --force to replace it`,
      );
    for (const name of held) rmSync(path.join(dataDir, name), { recursive: true, force: true });
    const blob = new Blob([readFileSync(file)]);
    const db = await PGlite.create({ dataDir, loadDataDir: blob });
    try {
      await db.query("SELECT 1");
    } finally {
      await db.close();
    }
  } finally {
    lock.release();
  }
}
