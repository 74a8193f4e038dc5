/**
 * Rampart CLI entry: `rampart <command> [options]`. Dispatches to lib/cli/commands/<name>.ts.
 * Exit codes: 0 ok, 1 the scan failed a --fail-on gate, 2 usage error or unreadable input.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { RampartConfigError } from "../scanner/selectors.ts";
import { SCANNER_VERSION } from "../scanner/version.ts";
import * as registry from "./commands/index.ts";
import { type CliIO, type Command, UsageError } from "./types.ts";

// By code unit, not localeCompare: that loads ICU's collator (~30 ms of every start); the names are ASCII.
export const commands: Command[] = Object.values(registry as Record<string, Command>).sort((a, b) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
);

export function globalUsage(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    "Usage: rampart <command> [options]",
    "",
    "Track Kubernetes security hardening: scan manifests, keep history, report progress.",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    "Options:",
    "  -h, --help     Show help (also: rampart <command> --help)",
    "  -v, --version  Show the version",
    "",
    "Exit codes: 0 ok, 1 a --fail-on gate failed, 2 usage error or unreadable input.",
    "",
  ].join("\n");
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(globalUsage());
    return 2;
  }
  if (name === "-h" || name === "--help" || name === "help") {
    const target = rest[0] && commands.find((c) => c.name === rest[0]);
    io.stdout.write(target ? target.usage : globalUsage());
    return 0;
  }
  if (name === "-v" || name === "--version") {
    io.stdout.write(`rampart ${SCANNER_VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`rampart: unknown command "${name}"\n\n${globalUsage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof RampartConfigError) {
      io.stderr.write(`rampart ${command.name}: ${e.message}\n`);
      if (e instanceof UsageError) io.stderr.write(`Run "rampart ${command.name} --help" for usage.\n`);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.stderr.write(`rampart ${command.name}: unexpected error: ${msg}\n`);
    if (io.env.RAMPART_DEBUG && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return 2;
  }
}

function isEntryPoint(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`rampart: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
