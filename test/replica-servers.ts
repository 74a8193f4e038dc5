import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { DIST_DIR } from "../scripts/replica-servers";
import { REPO_ROOT } from "./corpus";

// Helpers for tests that run the production server as separate processes (npm start, as deployed) on one
// PostgreSQL database (the servers and the proxy themselves: scripts/replica-servers.ts).

/** Why these tests cannot run here (no PostgreSQL named, no production build), or null. */
export function missingPrerequisite(): string | null {
  if (!process.env.TEST_DATABASE_URL) return "TEST_DATABASE_URL is not set";
  if (!existsSync(path.join(REPO_ROOT, DIST_DIR, "BUILD_ID")))
    return `no production build in ${DIST_DIR} (run next build first)`;
  return null;
}

/** A fresh database on the TEST_DATABASE_URL server; `drop()` removes it (and any session still on it). */
export async function freshDatabase(label: string) {
  const server = process.env.TEST_DATABASE_URL as string;
  const name = `rampart_${label}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    url: url.toString(),
    client,
    async drop() {
      await client.end().catch(() => {});
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
