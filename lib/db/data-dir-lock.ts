import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

// PGlite has no lock of its own: two processes on one data directory each run their own PostgreSQL over the same
// files and destroy the database. So every opener (server, db:* scripts, benchmarks, tests) first takes this
// lock file, which names the owner; a second opener is refused before PGlite touches anything.

export const LOCK_FILE = "rampart.lock";

type Owner = { pid: number; startTime: string | null; hostname: string; token: string; since: string };

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: Owner,
  ) {
    // Another host's process cannot be checked from here: only the operator knows whether it is gone.
    const remote =
      owner.hostname === hostname()
        ? ""
        : ` on host ${owner.hostname}; if that host no longer runs it, delete ${path.join(dataDir, LOCK_FILE)}`;
    super(
      `The database directory ${dataDir} is in use by process ${owner.pid} (since ${owner.since})${remote}: only one process may open it. Stop that process first, or ask the running server (GET /api/health).`,
    );
    this.name = "DataDirLockedError";
  }
}

/** The data directory cannot be written (read-only file system, permissions): said in one line. */
export class DataDirUnwritableError extends Error {
  constructor(dataDir: string, cause: NodeJS.ErrnoException) {
    const why = UNWRITABLE[cause.code ?? ""] ?? cause.message;
    super(`The database directory ${dataDir} is not writable (${cause.code}): ${why}`, { cause });
    this.name = "DataDirUnwritableError";
  }
}

const UNWRITABLE: Record<string, string> = {
  EROFS: "it is on a read-only file system",
  EACCES: "permission denied to this process's user",
  EPERM: "permission denied to this process's user",
  ENOSPC: "the disk is full",
  ENOTDIR: "it is not a directory",
};

/**
 * The kernel's start time of `pid` (clock ticks since boot, /proc/<pid>/stat field 22), or null where /proc is
 * missing. A PID that is alive with another start time was reused by an unrelated process after a crash.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2 (the command name) is in parentheses and may hold spaces: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(owner: Owner): boolean {
  // Another host's PIDs cannot be checked from here: assume the owner is alive rather than risk two openers.
  if (owner.hostname !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const startTime = processStartTime(owner.pid);
  return owner.startTime === null || startTime === null || startTime === owner.startTime;
}

function readOwner(file: string): Owner | null | "missing" {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw err;
  }
  try {
    const owner = JSON.parse(text) as Owner;
    return Number.isInteger(owner.pid) && typeof owner.token === "string" ? owner : null;
  } catch {
    return null; // written whole through link(), so garbage means a damaged file, never a half-written one
  }
}

function newOwner(): Owner {
  return {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    hostname: hostname(),
    token: randomBytes(16).toString("hex"),
    since: new Date().toISOString(),
  };
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Creates `file` holding `content` only if it does not exist; the content is complete the moment it appears. */
function createExclusive(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(temp, content, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    unlinkSync(temp);
  }
}

/**
 * Removes the stale lock `stale` under a short recovery guard, so that two processes recovering at once cannot
 * both remove a lock and both go on to create their own.
 */
function removeStale(file: string, stale: Owner | null) {
  const guard = `${file}.recovering`;
  for (let attempt = 0; ; attempt++) {
    if (createExclusive(guard, JSON.stringify(newOwner()))) break;
    const holder = readOwner(guard);
    // A recoverer that died mid-recovery leaves its guard behind: that one is stale too.
    if (holder !== "missing" && (holder === null || !isAlive(holder))) unlinkSync(guard);
    else if (attempt > 100) throw new Error(`${guard} is held by another process recovering the lock`);
    else sleep(20);
  }
  try {
    const current = readOwner(file);
    // Only the very lock found stale: another recoverer may already have replaced it with a live one.
    if (current !== "missing" && (current === null ? stale === null : current.token === stale?.token))
      unlinkSync(file);
  } finally {
    unlinkSync(guard);
  }
}

export type DataDirLock = { file: string; release: () => void };

/**
 * Takes the exclusive lock of `dataDir` (which must exist) for this process, or throws DataDirLockedError naming
 * the live owner. A lock left by a crashed owner (PID dead, or reused by another process) is recovered. The lock
 * is released by `release()` or, failing that, when this process exits.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  const owner = newOwner();
  for (let attempt = 0; ; attempt++) {
    if (attempt > 5) throw new Error(`could not take the lock ${file}: it keeps changing`);
    let created: boolean;
    try {
      created = createExclusive(file, `${JSON.stringify(owner)}\n`);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code && code in UNWRITABLE) throw new DataDirUnwritableError(dataDir, err as NodeJS.ErrnoException);
      throw err;
    }
    if (created) break;
    const holder = readOwner(file);
    if (holder === "missing") continue;
    if (holder !== null && isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
    removeStale(file, holder);
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    const current = readOwner(file);
    if (current !== "missing" && current?.token === owner.token) unlinkSync(file);
  };
  process.on("exit", release);
  return { file, release };
}
