#!/usr/bin/env node
// Installed entry point: runs the CLI compiled to JavaScript (dist/cli, built by `npm ci`/`npm install`
// through postinstall), so start-up does not compile TypeScript. In a working copy whose sources are newer
// than the bundle, or when it is missing, it is rebuilt first (esbuild, well under a second).
import { buildCli, CLI_BUNDLE, cliBundleStale } from "../scripts/build-cli.mjs";

if (cliBundleStale()) {
  try {
    await buildCli();
  } catch (e) {
    // A read-only install with an older bundle still runs; without any bundle there is nothing to run.
    const { existsSync } = await import("node:fs");
    if (!existsSync(CLI_BUNDLE)) throw e;
    process.stderr.write(
      `rampart: could not rebuild ${CLI_BUNDLE} (${e instanceof Error ? e.message : e}); using it as is\n`,
    );
  }
}
const { main } = await import("../dist/cli/rampart.mjs");
process.exitCode = await main(process.argv.slice(2));
