#!/usr/bin/env node
// Installed entry point: registers tsx (a runtime dependency) and runs the TypeScript CLI in-process.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../lib/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
