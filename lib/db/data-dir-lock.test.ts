import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "@/test/corpus";
import { DataDirLockedError, LOCK_FILE, lockDataDir, processStartTime } from "./data-dir-lock";
import { openDatabase } from "./open-database";

const root = mkdtempSync(path.join(tmpdir(), "rampart-lock-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const newDir = (name: string) => path.join(root, name);

function writeLock(dir: string, owner: Record<string, unknown>) {
  writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ token: "old", since: "earlier", ...owner }));
}

describe("lockDataDir", () => {
  it("refuses a second opener while the owner lives, naming the directory and the owner's PID", () => {
    const dir = newDir("live");
    mkdirSync(dir);
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(`${dir} is in use by process ${process.pid}`);
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    lockDataDir(dir).release();
  });

  it("recovers the lock of a crashed owner: its PID is gone, or now belongs to another process", () => {
    const dir = newDir("stale");
    mkdirSync(dir);
    const dead = spawnSync(process.execPath, ["-e", "process.pid"]).pid as number;
    writeLock(dir, { pid: dead, startTime: "1", hostname: hostname() });
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(lock.file, "utf8")).pid).toBe(process.pid);
    lock.release();
    if (processStartTime(1) === null) return console.log("no /proc: PID reuse is not detectable here");
    // PID 1 is alive, but started at another time than the lock's owner: a reused PID.
    writeLock(dir, { pid: 1, startTime: "not-its-start-time", hostname: hostname() });
    lockDataDir(dir).release();
  });

  it("never takes over a lock held from another host (its PID cannot be checked from here)", () => {
    const dir = newDir("remote");
    mkdirSync(dir);
    writeLock(dir, { pid: 999_999, startTime: null, hostname: "another-host" });
    expect(() => lockDataDir(dir)).toThrow(
      `in use by process 999999 (since earlier) on host another-host; if that host no longer runs it, delete ${dir}/${LOCK_FILE}`,
    );
  });
});

/**
 * A TypeScript script in a child process whose stdout lines can be awaited. Run by node itself (tsx as a loader,
 * not the tsx CLI, which wraps the script in a second process), so signals reach the script.
 */
function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
  });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line);
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      resolve(code);
      for (const wake of waiters.splice(0)) wake();
    }),
  );
  return {
    child,
    lines,
    exited,
    stderr: () => stderr,
    send: (line: string) => child.stdin.write(`${line}\n`),
    async waitFor(pattern: RegExp): Promise<string> {
      for (;;) {
        const found = lines.find((line) => pattern.test(line));
        if (found) return found;
        if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} before ${pattern}: ${stderr}`);
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
  };
}
const owner = (dir: string, env?: Record<string, string>) => start(["test/database-owner.ts", dir], env);
type Owner = ReturnType<typeof owner>;

async function refused(args: string[], env: Record<string, string>, dir: string, pid: number) {
  const second = start(args, env);
  expect(await second.exited).toBe(1);
  const message = second.stderr().trim();
  expect(message.split("\n")).toHaveLength(1);
  expect(message).toContain(`The database directory ${dir} is in use by process ${pid}`);
  expect(message).toMatch(/Stop that process first/);
}

/** PostgreSQL's control file says whether the database was shut down cleanly (1) or is mid-flight (6). */
const controlState = (dir: string) => readFileSync(path.join(dir, "global", "pg_control")).readUInt32LE(16);

function modes(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    const mode = statSync(file).mode & 0o777;
    return mode === (entry.isDirectory() ? 0o700 : 0o600) ? [] : [`${mode.toString(8)} ${file}`];
  });
}

async function stop(process: Owner, signal: NodeJS.Signals) {
  process.child.kill(signal);
  return process.exited;
}

async function insert(process: Owner, n: number, upTo: number) {
  process.send(`insert ${n}`);
  await process.waitFor(new RegExp(`^ack ${upTo}$`));
}

describe("one process per PGlite directory", { timeout: 240_000 }, () => {
  it("refuses db:status and a second owner while one process writes, and loses nothing", async () => {
    const dir = newDir("two-processes");
    const first = owner(dir);
    const pid = Number((await first.waitFor(/^ready/)).split(" ")[1]);
    await insert(first, 3, 3);
    await refused(["scripts/db.ts", "status"], { DATABASE_URL: `pglite:${dir}` }, dir, pid);
    await refused(["test/database-owner.ts", dir], {}, dir, pid);
    await expect(openDatabase({ kind: "pglite", dataDir: dir })).rejects.toThrow(`process ${pid}`);
    await insert(first, 3, 6);
    expect(await stop(first, "SIGTERM")).toBe(143);
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    expect(controlState(dir)).toBe(1);
    expect(modes(dir)).toEqual([]);

    // A directory left world-readable (as PGlite made them before) is made owner-only at the next open.
    chmodSync(dir, 0o777);
    chmodSync(path.join(dir, "PG_VERSION"), 0o666);
    const again = owner(dir, { COMPETING_EXIT: "1" });
    expect(await again.waitFor(/^ready/)).toMatch(/ 6$/);
    expect(modes(dir)).toEqual([]);
    // `next start` exits from its own SIGTERM handler: the database still closes first.
    expect(await stop(again, "SIGTERM")).toBe(143);
    expect(controlState(dir)).toBe(1);
  });

  it("recovers after the owner is killed with SIGKILL, with every acknowledged write present", async () => {
    const dir = newDir("killed");
    const first = owner(dir);
    await first.waitFor(/^ready/);
    first.send("insert 100000");
    await first.waitFor(/^ack 40$/);
    expect(await stop(first, "SIGKILL")).toBe(null);
    const acknowledged = Math.max(
      ...first.lines.filter((l) => l.startsWith("ack ")).map((l) => Number(l.slice(4))),
    );
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(true);
    expect(controlState(dir)).not.toBe(1);

    const next = owner(dir);
    const total = Number((await next.waitFor(/^ready/)).split(" ")[2]);
    expect(total).toBeGreaterThanOrEqual(acknowledged);
    next.send("count");
    expect(await next.waitFor(/^count/)).toBe(`count ${total}`);
    expect(await stop(next, "SIGTERM")).toBe(143);
    expect(controlState(dir)).toBe(1);
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});
