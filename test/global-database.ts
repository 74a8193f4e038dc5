import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { connectPrisma } from "../lib/db/connect-prisma";

declare module "vitest" {
  export interface ProvidedContext {
    /** One database per worker slot: the file running in slot VITEST_POOL_ID=n uses databaseUrls[n - 1]. */
    databaseUrls: string[];
  }
}

// Fresh, migrated databases for the run, one per worker slot (test files run two at a time, and PGlite allows
// one process per data directory): new PGlite directories, or new databases on the server named by
// TEST_DATABASE_URL (created here, dropped at teardown). Files that share a slot share its database, one after
// the other; tests isolate their data by creating their own projects.
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const workers = Math.max(1, Number(project.globalConfig.maxWorkers) || 1);
  let databaseUrls: string[];
  let teardown: () => Promise<void>;
  if (serverUrl) {
    const base = `rampart_test_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
    const names = Array.from({ length: workers }, (_, i) => `${base}_${i + 1}`);
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    for (const name of names) await admin.query(`CREATE DATABASE "${name}"`);
    databaseUrls = names.map((name) => {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return url.toString();
    });
    teardown = async () => {
      for (const name of names) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
    // Migrate each up front so each test file only opens its database.
    for (const url of databaseUrls) await (await connectPrisma({ kind: "postgres", url })).close();
  } else {
    const root = mkdtempSync(path.join(tmpdir(), "rampart-test-"));
    const dirs = Array.from({ length: workers }, (_, i) => path.join(root, `worker-${i + 1}`));
    // Migrate the first directory once (a few seconds on PGlite), then copy it for the other slots.
    await (await connectPrisma({ kind: "pglite", dataDir: dirs[0] })).close();
    for (const dir of dirs.slice(1)) cpSync(dirs[0], dir, { recursive: true });
    databaseUrls = dirs.map((dir) => `pglite:${dir}`);
    teardown = async () => rmSync(root, { recursive: true, force: true });
  }
  console.log(
    `integration tests on ${serverUrl ? "PostgreSQL (fresh databases)" : "PGlite (fresh directories)"}, ${workers} at a time`,
  );
  project.provide("databaseUrls", databaseUrls);
  return teardown;
}
