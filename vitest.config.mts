import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: [
      "lib/**/*.test.ts",
      "components/**/*.test.{ts,tsx}",
      "app/**/*.test.ts",
      "scripts/**/*.test.ts",
      "deploy/**/*.test.ts",
    ],
    exclude: ["lib/server/**", "node_modules/**"],
    environment: "node",
    // Vitest's default is one worker fewer than the cores: on the 2-core CI machine that is one file at a time.
    // The unit tests share no files, ports or databases (temp dirs, port 0), so two run at once.
    maxWorkers: Number(process.env.TEST_WORKERS) || 2,
    testTimeout: 30_000,
  },
});
