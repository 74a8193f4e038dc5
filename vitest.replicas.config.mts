import { defineConfig } from "vitest/config";

// Tests that run the server and the db:* scripts as separate processes against the PostgreSQL server named by
// TEST_DATABASE_URL: several replicas of the production build (after `next build`), db:copy and backups. One file
// at a time: the servers use fixed ports, and both are heavy.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ["test/replicas.test.ts", "test/backups.test.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 240_000,
  },
});
