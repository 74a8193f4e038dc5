/** node:util parseArgs for a subcommand, with its errors as UsageError (exit 2, no stack trace). */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./types.ts";

export type CommandArgs = {
  values: Record<string, string | string[] | boolean | undefined>;
  positionals: string[];
};

export function parseCommandArgs(
  argv: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
): CommandArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { ...options, help: { type: "boolean", short: "h" } },
    });
    return { values: values as CommandArgs["values"], positionals };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}
