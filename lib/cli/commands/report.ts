/** `rampart report`: download a program's session summary report from a Rampart server. */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { firstIssue } from "../../scanner/format-zod-error.ts";
import { parseCommandArgs } from "../parse-command-args.ts";
import { type CliIO, type Command, UsageError } from "../types.ts";

const FORMATS = ["md", "pdf", "csv", "json", "html"] as const;
const TABLES = ["components", "metrics"] as const;

const usage = `Usage: rampart report --server <url> --project <slug> [options]

Download the session summary report of a program (the same file as the report page's buttons):
figures, components, patterns, remaining work, files changed, notes, exit criteria and roadmap
for one environment and one roadmap period, or between two scans. A program without a roadmap
is reported between two scans (default: its latest two), without the roadmap's sections.

Options:
      --server <url>         Rampart server, e.g. https://rampart.example.com
      --project <slug>       Program to report on
      --environment <name>   Environment (default: production, or the first)
      --period <id>          Roadmap period, e.g. week-6-8 (default: the period of the latest scan)
      --from <scan id>       Report between two scans of one environment instead of a period
      --to <scan id>         (with --from)
  -f, --format <fmt>         ${FORMATS.join(" | ")} (default: md)
      --table <name>         CSV table: ${TABLES.join(" | ")} (default: components)
      --token <token>        API token with the read scope (default: $RAMPART_TOKEN)
  -o, --output <file>        Write to a file instead of stdout
  -h, --help                 Show this help

Exit codes: 0 ok, 2 usage error or refused by the server, 3 server unreachable.
`;

const key = (flag: string) =>
  z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, `--${flag}: lower-case letters, digits and dashes`);

const argsSchema = z
  .object({
    server: z.url({ protocol: /^https?$/, message: "--server must be an http(s) URL" }),
    project: key("project"),
    environment: key("environment").optional(),
    period: key("period").optional(),
    from: z.string().min(1).optional(),
    to: z.string().min(1).optional(),
    format: z.enum(FORMATS, { message: `--format must be one of ${FORMATS.join(", ")}` }).default("md"),
    table: z.enum(TABLES, { message: `--table must be one of ${TABLES.join(", ")}` }).optional(),
    token: z.string().min(1).optional(),
    output: z.string().min(1).optional(),
  })
  .refine((a) => (a.from === undefined) === (a.to === undefined), {
    message: "give both --from and --to",
    path: ["to"],
  })
  .refine((a) => a.period === undefined || a.from === undefined, {
    message: "give --period or --from/--to, not both",
    path: ["period"],
  });

export type ReportArgs = z.infer<typeof argsSchema>;

export function reportUrl(a: ReportArgs): string {
  const url = new URL(`/api/v1/projects/${encodeURIComponent(a.project)}/reports`, a.server);
  url.searchParams.set("format", a.format);
  for (const k of ["environment", "period", "from", "to", "table"] as const) {
    const value = a[k];
    if (value !== undefined) url.searchParams.set(k, value);
  }
  return url.toString();
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values: v, positionals } = parseCommandArgs(argv, {
    server: { type: "string" },
    project: { type: "string" },
    environment: { type: "string" },
    period: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    format: { type: "string", short: "f" },
    table: { type: "string" },
    token: { type: "string" },
    output: { type: "string", short: "o" },
  });
  if (v.help) {
    io.stdout.write(usage);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (v.server === undefined) throw new UsageError("--server is required");
  if (v.project === undefined) throw new UsageError("--project is required");
  const parsed = argsSchema.safeParse({ ...v, token: v.token ?? io.env.RAMPART_TOKEN });
  if (!parsed.success) throw new UsageError(firstIssue(parsed.error).message);
  const args = parsed.data;

  let response: Response;
  try {
    response = await fetch(reportUrl(args), {
      headers: args.token ? { authorization: `Bearer ${args.token}` } : {},
      signal: AbortSignal.timeout(120_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    io.stderr.write(
      `rampart report: cannot reach ${args.server}: ${cause?.code ?? (err as Error).message}\n`,
    );
    return 3;
  }
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) {
    let error = `HTTP ${response.status}`;
    try {
      error = `${error}: ${(JSON.parse(body.toString("utf8")) as { error?: string }).error ?? ""}`;
    } catch {
      // Not Rampart's JSON error (a proxy's page): the status says enough.
    }
    const retry = response.headers.get("retry-after");
    if (retry) error = `${error} (retry after ${retry} s)`;
    io.stderr.write(`rampart report: the server refused: ${error}\n`);
    return 2;
  }
  if (args.output) {
    const file = resolve(io.cwd, args.output);
    try {
      writeFileSync(file, body);
    } catch (e) {
      throw new UsageError(`cannot write ${args.output}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    io.stderr.write(`rampart report: wrote ${args.output} (${body.length} bytes)\n`);
  } else io.stdout.write(body);
  return 0;
}

const report: Command = {
  name: "report",
  summary: "Download a program's session summary report from a Rampart server",
  usage,
  run,
};
export default report;
