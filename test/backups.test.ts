import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./corpus";
import { startServer, stopServer, waitUntilReady } from "../scripts/replica-servers";
import { freshDatabase, missingPrerequisite } from "./replica-servers";

// Moving off the embedded database (db:copy) and backups (pg_dump/pg_restore; db:backup/db:restore for PGlite),
// each checked by the demo's golden report staying byte-identical and every table keeping its row count.
const GOLDEN = readFileSync(path.join(REPO_ROOT, "lib/report/__golden__/maestro-final.md"), "utf8");
const missing = missingPrerequisite();
if (missing) console.log(`copy and backup tests skipped: ${missing}`);

type Run = { code: number | null; stdout: string; stderr: string };
function run(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => {
      stdout += c;
    });
    child.stderr.on("data", (c) => {
      stderr += c;
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}
const db = (args: string[], databaseUrl: string) =>
  run(["scripts/db.ts", ...args], { DATABASE_URL: databaseUrl });
/** The golden report and every table's row count of `databaseUrl` (test/maestro-report.ts). */
async function reportOf(databaseUrl: string, load = false) {
  const answer = await run(
    ["--conditions=react-server", "test/maestro-report.ts", ...(load ? ["load"] : [])],
    {
      DATABASE_URL: databaseUrl,
    },
  );
  if (answer.code !== 0) throw new Error(answer.stderr);
  return JSON.parse(answer.stdout.trim().split("\n").at(-1) as string) as {
    markdown: string;
    counts: Record<string, number>;
  };
}
function pg(tool: string, args: string[]) {
  const answer = spawnSync(tool, args, { encoding: "utf8" });
  if (answer.status !== 0) throw new Error(`${tool} ${args.join(" ")}: ${answer.stderr}`);
}

describe.skipIf(missing)(
  "db:copy, pg_dump round trip, db:backup and db:restore",
  { timeout: 600_000 },
  () => {
    const temp = mkdtempSync(path.join(tmpdir(), "rampart-backups-"));
    const source = `pglite:${path.join(temp, "source")}`;
    let target: Awaited<ReturnType<typeof freshDatabase>>;
    let before: Awaited<ReturnType<typeof reportOf>>;

    beforeAll(async () => {
      target = await freshDatabase("copy");
      before = await reportOf(source, true);
      expect(before.markdown).toBe(GOLDEN);
    }, 600_000);
    afterAll(async () => {
      await target?.drop();
      rmSync(temp, { recursive: true, force: true });
    });

    it("copies a PGlite history into PostgreSQL: equal row counts, the same report; a non-empty target is refused", async () => {
      const copied = await db(["copy", "--to", target.url], source);
      expect(copied.stderr).toBe("");
      expect(copied.code).toBe(0);
      expect(copied.stdout).toMatch(/ControlResult: \d+ row\(s\)/);
      const after = await reportOf(target.url);
      expect(after.counts).toEqual(before.counts);
      expect(after.markdown).toBe(before.markdown);
      const again = await db(["copy", "--to", target.url], source);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/the target database already holds data \(Project, .*pass --force/);
      expect((await db(["copy", "--to", target.url, "--force"], source)).code).toBe(0);
      expect((await reportOf(target.url)).counts).toEqual(before.counts);
      const wrong = await db(["copy", "--to", "mysql://db/x"], source);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/--to must name a PostgreSQL database/);
    });

    it("pg_dump, drop, pg_restore: the same report", async () => {
      const dump = path.join(temp, "rampart.dump");
      pg("pg_dump", ["--format=custom", `--file=${dump}`, target.url]);
      const name = new URL(target.url).pathname.slice(1);
      const server = process.env.TEST_DATABASE_URL as string;
      await target.client.end();
      pg("psql", [server, "-qc", `DROP DATABASE "${name}" WITH (FORCE)`]);
      pg("psql", [server, "-qc", `CREATE DATABASE "${name}"`]);
      pg("pg_restore", ["--no-owner", `--dbname=${target.url}`, dump]);
      const restored = await reportOf(target.url);
      expect(restored.counts).toEqual(before.counts);
      expect(restored.markdown).toBe(before.markdown);
    });

    it("db:backup and db:restore of PGlite work while no server runs, and are refused while one does", async () => {
      const file = path.join(temp, "backup.tar.gz");
      // The server (npm start: the standalone build) running on the directory: both are refused, naming it.
      const server = startServer(3531, {
        DATABASE_URL: source,
        RAMPART_DATA_DIR: temp,
        BETTER_AUTH_SECRET: "backups-test-secret-0123456789abcdef",
      });
      await waitUntilReady(server);
      const inUse = /The database directory .*source is in use by process \d+ .*only one process may open it/;
      const refused = await db(["backup", "--out", file], source);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(inUse);
      const refusedRestore = await db(["restore", "--from", file, "--force"], source);
      expect(refusedRestore.code).toBe(1);
      expect(refusedRestore.stderr).toMatch(inUse);
      expect((await stopServer(server)).code).toBe(143);
      const current = await reportOf(source);

      const backedUp = await db(["backup", "--out", file], source);
      expect(backedUp.code).toBe(0);
      const copy = `pglite:${path.join(temp, "restored")}`;
      expect((await db(["restore", "--from", file], copy)).code).toBe(0);
      const restored = await reportOf(copy);
      expect(restored).toEqual(current);
      expect(restored.markdown).toBe(GOLDEN);
      // A directory holding a database is not overwritten by mistake.
      const over = await db(["restore", "--from", file], copy);
      expect(over.code).toBe(1);
      expect(over.stderr).toMatch(/already holds a database: .*--force/);
      expect((await db(["restore", "--from", file, "--force"], copy)).code).toBe(0);
      expect(await reportOf(copy)).toEqual(current);
      const onPostgres = await db(["backup", "--out", file], target.url);
      expect(onPostgres.code).toBe(2);
      expect(onPostgres.stderr).toMatch(/pg_dump/);
    });
  },
);
