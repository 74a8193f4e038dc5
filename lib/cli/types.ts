/** What a CLI subcommand implements. Register it with one line in commands/index.ts. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface Command {
  name: string;
  /** One line for the global help. */
  summary: string;
  /** Full help text (`rampart <name> --help`). */
  usage: string;
  /** Returns the exit code: 0 ok, 1 failed gate, 2 usage error or unreadable input. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** Bad arguments or unreadable input: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
