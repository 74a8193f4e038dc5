/** `rampart diff <before.json> <after.json>`: what changed between two scan results (a CI gate). */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { diffFails, diffScans, type ScanDiff } from "../../diff/diff-scans.ts";
import { renderDiffMarkdown } from "../../diff/render-diff.ts";
import { firstIssue } from "../../scanner/format-zod-error.ts";
import { type ScanResult, scanResultSchema } from "../../scanner/schema.ts";
import { parseCommandArgs } from "../parse-command-args.ts";
import { type CliIO, type Command, UsageError } from "../types.ts";

const GATES = ["regression", "removed", "waived"] as const;
const FORMATS = ["markdown", "json"] as const;

const usage = `Usage: rampart diff <before.json> <after.json> [options]

Compare two results of \`rampart scan --format json\`: components added and removed, controls
fixed, regressed and newly waived, per category.

Options:
  -f, --format <fmt>      markdown (default) | json
      --fail-on <list>    Exit 1 when the diff contains any of: ${GATES.join(", ")} (comma-separated)
  -h, --help              Show this help

Exit codes: 0 ok, 1 a --fail-on gate failed, 2 usage error or unreadable input.
`;

const argsSchema = z.object({
  files: z.tuple([z.string(), z.string()], {
    message: "give exactly two result files: <before.json> <after.json>",
  }),
  format: z.enum(FORMATS, { message: `--format must be one of ${FORMATS.join(", ")}` }),
  failOn: z.array(z.enum(GATES, { message: `--fail-on takes ${GATES.join(", ")}` })),
});

function readResult(cwd: string, file: string): ScanResult {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(resolve(cwd, file), "utf8"));
  } catch (e) {
    const reason =
      e instanceof SyntaxError
        ? `not valid JSON (${e.message})`
        : ((e as NodeJS.ErrnoException).code ?? String(e));
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
  const parsed = scanResultSchema.safeParse(json);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw new UsageError(`${file}: ${field}: ${message} (expected rampart scan --format json output)`);
  }
  return parsed.data;
}

export function renderDiff(diff: ScanDiff, format: (typeof FORMATS)[number]): string {
  return format === "json" ? `${JSON.stringify(diff, null, 2)}\n` : renderDiffMarkdown(diff);
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    format: { type: "string", short: "f" },
    "fail-on": { type: "string", multiple: true },
  });
  const v = parsed.values;
  if (v.help) {
    io.stdout.write(usage);
    return 0;
  }
  const args = argsSchema.safeParse({
    files: parsed.positionals,
    format: v.format ?? "markdown",
    failOn: ((v["fail-on"] as string[] | undefined) ?? [])
      .flatMap((s) => s.split(","))
      .map((s) => s.trim())
      .filter(Boolean),
  });
  if (!args.success) throw new UsageError(args.error.issues.map((i) => i.message).join("; "));
  const [before, after] = args.data.files.map((f) => readResult(io.cwd, f));
  const diff = diffScans(before, after);
  io.stdout.write(renderDiff(diff, args.data.format));
  if (diffFails(diff, args.data.failOn)) {
    io.stderr.write(`rampart diff: failed --fail-on ${args.data.failOn.join(",")}\n`);
    return 1;
  }
  return 0;
}

const diff: Command = {
  name: "diff",
  summary: "Compare two scan results (fixed, regressed, added, removed)",
  usage,
  run,
};
export default diff;
