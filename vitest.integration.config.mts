import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Integration tests of lib/server against a real database: PGlite by default, the PostgreSQL server named by
// TEST_DATABASE_URL when set (test/global-database.ts creates a fresh database for the run and drops it after).
export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // `server-only` throws outside React Server Components; these tests are server code run directly.
    alias: { "server-only": fileURLToPath(new URL("./test/server-only.ts", import.meta.url)) },
  },
  test: {
    include: ["lib/server/**/*.test.ts"],
    globalSetup: ["test/global-database.ts"],
    setupFiles: ["test/use-test-database.ts"],
    // Two files at a time (the CI machine has 2 cores), each worker slot on its own database: PGlite allows one
    // process per data directory, so test/global-database.ts makes one per slot.
    maxWorkers: Number(process.env.TEST_WORKERS) || 2,
    // Two files run at once: on a busy 2-core machine a test or hook takes twice as long as alone (none is timed).
    testTimeout: 180_000,
    hookTimeout: 240_000,
  },
});
