import { afterAll, inject } from "vitest";

// Point lib/server at this worker slot's database before anything opens it (test/global-database.ts made one
// per slot), and close it after each file so the next file in the same slot can open the same PGlite directory.
const databaseUrls = inject("databaseUrls");
const slot = Number(process.env.VITEST_POOL_ID ?? "1");
const databaseUrl = databaseUrls[slot - 1];
if (!databaseUrl)
  throw new Error(`worker slot ${slot} has no test database (global setup made ${databaseUrls.length})`);
process.env.DATABASE_URL = databaseUrl;

afterAll(async () => {
  const { closeConnection } = await import("@/lib/server/db");
  await closeConnection();
});
