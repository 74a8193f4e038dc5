import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { POST } from "@/app/api/v1/projects/[slug]/scans/route";
import { LOCK_FILE } from "@/lib/db/data-dir-lock";
import { openDatabase } from "@/lib/db/open-database";
import { DISK_FULL_MESSAGE } from "@/lib/db/storage-fault";
import { REPO_ROOT } from "@/test/corpus";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createApiToken } from "./create-api-token";
import { createProject } from "./create-project";
import { closeConnection } from "./db";
import { getHealth } from "./get-health";

// Storage faults on the embedded database, for real: a full disk (a small tmpfs) and a read-only data directory.
const isRoot = process.getuid?.() === 0;
const onPglite = !process.env.TEST_DATABASE_URL;
const root = mkdtempSync(path.join(tmpdir(), "rampart-storage-"));
const mount = (...args: string[]) => {
  const result = spawnSync("mount", args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`mount ${args.join(" ")}: ${result.stderr}`);
};
afterAll(() => {
  spawnSync("umount", [path.join(root, "full")]);
  spawnSync("umount", [path.join(root, "read-only")]);
  rmSync(root, { recursive: true, force: true });
});

/** Writes a file until the file system is full; returns a function that frees the space again. */
function fillDisk(dir: string): () => void {
  const file = path.join(dir, "filler");
  const fd = openSync(file, "w");
  for (const size of [1 << 20, 1 << 12, 1 << 9]) {
    const chunk = Buffer.alloc(size, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
    }
  }
  closeSync(fd);
  return () => rmSync(file);
}

if (!onPglite)
  console.log("storage-faults: PGlite only (the PostgreSQL server's disk is not this test's to fill)");
else if (!isRoot)
  console.log("storage-faults: the full-disk test needs root (to mount a small tmpfs): skipped");

describe.runIf(onPglite && isRoot)("a full disk under the embedded database", () => {
  const dir = path.join(root, "full");
  let slug: string;
  let token: string;
  beforeAll(async () => {
    await closeConnection();
    mkdirSync(dir);
    mount("-t", "tmpfs", "-o", "size=64m", "tmpfs", dir);
    process.env.DATABASE_URL = `pglite:${path.join(dir, "db")}`;
    slug = uniqueSlug("disk");
    await createProject(SYSTEM, { slug, name: "Disk full" });
    token = (await createApiToken(SYSTEM, slug, { name: "ci", scope: "ingest" })).token;
  });
  afterAll(() => closeConnection());

  const ingest = () =>
    POST(
      new Request(`http://rampart.test/api/v1/projects/${slug}/scans?environment=production`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(scanOf({ "deploy.yaml": deploymentYaml("api") })),
      }),
      { params: Promise.resolve({ slug }) },
    );
  const anonymousHealth = () => health(new Request("http://rampart.test/api/health"));

  it("answers an ingest with 507 saying the disk is full, reports unhealthy, and recovers once space is freed", async () => {
    const free = fillDisk(dir);
    const refused = await ingest();
    expect(refused.status).toBe(507);
    expect(await refused.json()).toEqual({ error: DISK_FULL_MESSAGE });
    expect(DISK_FULL_MESSAGE).toMatch(/disk is full/);
    const down = await anonymousHealth();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "degraded" });
    expect((await getHealth()).writes).toEqual({ status: "failing", error: DISK_FULL_MESSAGE });

    free();
    expect((await ingest()).status).toBe(201);
    const up = await anonymousHealth();
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: "ok" });
  });
});

/** The server's start-up code (instrumentation.ts), run by node as `next start` runs it. */
function startServer(dataDir: string) {
  const script = `process.env.NEXT_RUNTIME = "nodejs"; await (await import("./instrumentation.ts")).register();`;
  return spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", script],
    {
      cwd: REPO_ROOT,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: `pglite:${dataDir}`, RAMPART_DEMO: "off", RAMPART_DATA_DIR: root },
      timeout: 150_000,
    },
  );
}

describe.runIf(onPglite)("a data directory that cannot be written", () => {
  it("ends the server at start with one line saying why, not a server answering 500", () => {
    const dir = path.join(root, "read-only");
    mkdirSync(dir);
    // Root writes through file modes: a read-only mount is what stops it.
    if (isRoot) mount("-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", dir);
    else spawnSync("chmod", ["0500", dir]);
    const result = startServer(path.join(dir, "pglite"));
    expect(result.status).toBe(1);
    const lines = result.stderr.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^Rampart: cannot start: The database directory ${dir}/pglite is not writable \\((EROFS|EACCES)\\)`,
      ),
    );
  });
});

describe.runIf(onPglite)("a data directory that cannot be opened", () => {
  it("ends the server at start with one line naming the directory, and leaves no lock behind", {
    timeout: 300_000,
  }, async () => {
    const dir = path.join(root, "damaged");
    const db = await openDatabase({ kind: "pglite", dataDir: dir });
    await db.close();
    // A damaged control file (a bad restore, a torn copy): PGlite cannot start on it.
    writeFileSync(path.join(dir, "global", "pg_control"), Buffer.alloc(8192, 0xa5));
    const result = startServer(dir);
    expect(result.status).toBe(1);
    const lines = result.stderr.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^Rampart: cannot start: Could not open the database directory ${dir}: \\S`),
    );
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});
