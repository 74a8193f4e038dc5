#!/usr/bin/env node
// `npm test`: every layer in order, stopping at the first failure. Prints each stage's duration and ends with
// one line totalling the test runners' results. Beside each duration: the CPU time the stage used (all its
// processes), which says more than the wall time on a machine shared with other work.
//   typecheck → lint → format → unit → integration (PGlite) → integration (PostgreSQL, when TEST_DATABASE_URL
//   is set) → next build → e2e (Playwright + Debian's Chromium against the production build) → replicas, shutdown,
//   db:copy and backups (when TEST_DATABASE_URL is set: the build's standalone server, three at once, on PostgreSQL)
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";

const results = "test-results";
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: process.env.FORCE_COLOR ?? "1" };
const totals = { passed: 0, failed: 0, skipped: 0 };

/** CPU seconds of this process's finished children (and theirs): /proc/self/stat's cutime + cstime (Linux). */
function childCpuSeconds() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Clock ticks; USER_HZ is 100 on Linux.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

function vitestCounts(file) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests };
}
function playwrightCounts(file) {
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  return { passed: stats.expected, failed: stats.unexpected + stats.flaky, skipped: stats.skipped };
}
const vitest = (config, json, extraEnv = {}) => ({
  cmd: [
    "npx",
    "vitest",
    "run",
    "--config",
    config,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${results}/${json}`,
  ],
  counts: () => vitestCounts(`${results}/${json}`),
  env: extraEnv,
});

const stages = [
  { name: "typecheck", cmd: ["npx", "tsc", "--noEmit"] },
  { name: "lint", cmd: ["npx", "biome", "lint", "."] },
  { name: "format", cmd: ["npx", "biome", "format", "."] },
  { name: "unit", ...vitest("vitest.config.mts", "unit.json") },
  {
    name: "integration (PGlite)",
    ...vitest("vitest.integration.config.mts", "integration-pglite.json", { TEST_DATABASE_URL: "" }),
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: "integration (PostgreSQL)",
          ...vitest("vitest.integration.config.mts", "integration-postgres.json"),
        },
      ]
    : []),
  { name: "build", cmd: ["npx", "next", "build"] },
  { name: "e2e", cmd: ["npx", "playwright", "test"], counts: () => playwrightCounts(`${results}/e2e.json`) },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: "replicas, shutdown, copy, backups (PostgreSQL)",
          ...vitest("vitest.replicas.config.mts", "replicas-postgres.json"),
        },
      ]
    : []),
];

if (!process.env.TEST_DATABASE_URL)
  console.log(
    "TEST_DATABASE_URL is not set: integration tests run on PGlite only; the replica and backup tests do not run.",
  );

for (const stage of stages) {
  console.log(`\n▶ ${stage.name}: ${stage.cmd.join(" ")}`);
  const started = performance.now();
  const cpuBefore = childCpuSeconds();
  const run = spawnSync(stage.cmd[0], stage.cmd.slice(1), {
    stdio: "inherit",
    env: { ...env, ...stage.env },
  });
  const cpu = childCpuSeconds() - cpuBefore;
  const took = `${((performance.now() - started) / 1000).toFixed(1)} s${Number.isNaN(cpu) ? "" : `, CPU ${cpu.toFixed(1)} s`}`;
  if (stage.counts) {
    try {
      const c = stage.counts();
      for (const k of Object.keys(totals)) totals[k] += c[k];
    } catch {
      // The runner died before writing its report; its exit status below says why.
    }
  }
  if (run.status !== 0) {
    console.error(`\n✖ ${stage.name} failed after ${took}`);
    console.log(`${totals.passed} passed, ${Math.max(totals.failed, 1)} failed`);
    process.exit(run.status ?? 1);
  }
  console.log(`✔ ${stage.name} (${took})`);
}
console.log(
  `\nAll stages passed.\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`,
);
