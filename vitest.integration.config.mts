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
    // PGlite allows one process per data directory: test files take turns.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
