import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "./lib/chromium";

// Debian's Chromium, never a downloaded browser (no network here). Fail with one actionable line if missing.
const chromium = chromiumPath();
if (!existsSync(chromium)) {
  console.error(
    `Chromium not found at ${chromium}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
  );
  process.exit(1);
}

const port = Number(process.env.E2E_PORT ?? 3210);
// E2E_DATA_DIR lets two runs in one tree (each with its own E2E_PORT and NEXT_DIST_DIR) keep apart.
const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e";
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: CHROMIUM_ARGS,
    },
  },
  // The production build and the real start command, on a fresh embedded database.
  webServer: {
    // The server's output is kept in .data/e2e.log: the last spec checks that no secret was ever logged.
    command: `rm -rf ${dataDir} && mkdir -p ${dataDir} && npm start 2>&1 | tee ${dataDir}.log`,
    url: `${baseURL}/api/health`,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      RAMPART_DATA_DIR: dataDir,
      DATABASE_URL: "",
      RAMPART_ADMIN_EMAIL: "admin@rampart.test",
      RAMPART_ADMIN_PASSWORD: "e2e-admin-password-123",
    },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
  },
});
