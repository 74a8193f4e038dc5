import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { connectPrisma } from "../lib/db/connect-prisma";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

// One fresh, migrated database per run: a new PGlite directory, or a new database on the server named by
// TEST_DATABASE_URL (created here, dropped at teardown). Tests isolate their data by creating their own projects.
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let databaseUrl: string;
  let teardown: () => Promise<void>;
  if (serverUrl) {
    const name = `rampart_test_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    teardown = async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "rampart-test-"));
    databaseUrl = `pglite:${dir}`;
    teardown = async () => rmSync(dir, { recursive: true, force: true });
  }
  // Migrate once up front so each test file only opens the database.
  const connection = await connectPrisma(
    databaseUrl.startsWith("pglite:")
      ? { kind: "pglite", dataDir: databaseUrl.slice("pglite:".length) }
      : { kind: "postgres", url: databaseUrl },
  );
  await connection.close();
  console.log(
    `integration tests on ${serverUrl ? "PostgreSQL (fresh database)" : "PGlite (fresh directory)"}`,
  );
  project.provide("databaseUrl", databaseUrl);
  return teardown;
}
