import { afterAll, inject } from "vitest";

// Point lib/server at this run's database before anything opens it, and close it after each file so the next
// file (another worker) can open the same PGlite directory.
process.env.DATABASE_URL = inject("databaseUrl");

afterAll(async () => {
  const { closeConnection } = await import("@/lib/server/db");
  await closeConnection();
});
