/** `rampart scan <paths…>`: scan manifests and render the result. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { type ProjectConfig, parseProjectConfig } from "../../scanner/config.ts";
import { CONTROLS_BY_ID } from "../../scanner/controls/index.ts";
import { type ExceptionList, parseExceptionList } from "../../scanner/exceptions.ts";
import { renderMarkdown } from "../../scanner/render/markdown.ts";
import { renderSarif } from "../../scanner/render/sarif.ts";
import { renderTable } from "../../scanner/render/table.ts";
import { DEFAULT_MAX_FILE_SIZE, Scanner } from "../../scanner/scan.ts";
import type { ScanResult } from "../../scanner/schema.ts";
import { collectInputs, type InputFile, parseSize, readStream, STDIN } from "../files.ts";
import { Progress } from "../progress.ts";
import { pushAndReport } from "../push-client.ts";
import { addInputFile, PolicyObjects } from "../scan-input.ts";
import { autoThreads, rereadObjects, scanInPool } from "../scan-pool.ts";
import { PUSH_OPTIONS, pushOptionsSchema, pushTargetFromArgs } from "../push-options.ts";
import { type CliIO, type Command, UsageError } from "../types.ts";

export const FORMATS = ["table", "json", "sarif", "markdown"] as const;
export const STDIN_NAME = "<stdin>";

const usage = `Usage: rampart scan <path|-> [more paths…] [options]

Scan Kubernetes manifests (files, directories recursively: .yaml .yml .json; "-" reads stdin).
  kubectl get deploy,sts,ds -A -o yaml | rampart scan -

Options:
  -f, --format <fmt>         table (default) | json | sarif | markdown
  -o, --output <file>        Write the report to a file instead of stdout
  -e, --exceptions <file>    Exceptions file (apiVersion rampart.io/v1, kind ExceptionList)
  -c, --config <file>        Project config (kind ProjectConfig); default ./rampart.yaml if present
      --policies <path>      ValidatingAdmissionPolicies (with bindings and parameter objects) from a
                             file or directory, evaluated as controls vap:<policy-name> on every
                             object (repeatable; policies in the scanned files count too). As in
                             a cluster, only a policy with a ValidatingAdmissionPolicyBinding (from
                             any source) is evaluated; one without is listed as not evaluated
      --fail-on <list>       Exit 1 when the scan fails, comma-separated:
                               any               any control fails (waived and n/a do not count)
                               <control-id>      that control fails on any workload
                               pss:baseline      a workload is below PSS baseline (privileged)
                               pss:restricted    a workload is below PSS restricted
                               errors            a file or document could not be scanned
      --max-file-size <size> Skip larger files with an error (default 10MB; e.g. 512k, 20MB)
      --now <date>           Evaluation date for exception expiry (default: today)
      --threads <n|auto>     Worker threads that read and evaluate files (default auto: one per core
                             with 3+ cores, 2+ files and 1 MB+ of input; 1 scans in this thread only);
                             the output is the same for any number
      --no-progress          No progress bar on stderr
  -h, --help                 Show this help

Send the result to a Rampart server (stored as history; retried with backoff, saved to
rampart-results/ with the command to send it later when the server cannot be reached):
      --push <url>           Server URL, e.g. https://rampart.example.com
      --project <slug>       Project to store the scan in (required with --push)
      --environment <name>   Environment, e.g. production (required with --push)
      --token <token>        API token (default: $RAMPART_TOKEN)
      --git-ref <ref>        Branch or tag scanned; --git-commit <sha>; --message <text>

Exit codes: 0 ok, 1 a --fail-on gate failed, 2 usage error, unreadable input or scan rejected by
the server, 3 server unreachable (scan saved for later).
`;

const failOnItem = z.union([
  z.literal("any"),
  z.literal("errors"),
  z.literal("pss:baseline"),
  z.literal("pss:restricted"),
  z.string().refine((id) => CONTROLS_BY_ID.has(id), {
    error: (iss) => `unknown --fail-on value "${String(iss.input)}"`,
  }),
]);

const argsSchema = z.object({
  paths: z.array(z.string()).min(1, "give at least one path, or - for stdin"),
  format: z.enum(FORMATS, { message: `--format must be one of ${FORMATS.join(", ")}` }),
  output: z.string().min(1).optional(),
  exceptions: z.string().min(1).optional(),
  config: z.string().min(1).optional(),
  policies: z.array(z.string().min(1, "--policies needs a file or directory")),
  failOn: z.array(failOnItem),
  maxFileSize: z.number().int().positive({ message: "--max-file-size must be a positive size like 10MB" }),
  now: z.date({ message: "--now must be a date like 2026-03-31" }),
  progress: z.boolean(),
  threads: z.union([
    z.literal("auto"),
    z.number().int().min(1).max(256, { message: "--threads must be auto or a number from 1 to 256" }),
  ]),
  push: pushOptionsSchema.optional(),
});

export type ScanArgs = z.infer<typeof argsSchema>;

export function parseScanArgs(args: string[]): ScanArgs | "help" {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", short: "f" },
        output: { type: "string", short: "o" },
        exceptions: { type: "string", short: "e" },
        config: { type: "string", short: "c" },
        policies: { type: "string", multiple: true },
        "fail-on": { type: "string", multiple: true },
        "max-file-size": { type: "string" },
        now: { type: "string" },
        "no-progress": { type: "boolean" },
        threads: { type: "string" },
        ...PUSH_OPTIONS,
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values as Record<string, string | string[] | boolean | undefined>;
  if (v.help) return "help";
  const size =
    v["max-file-size"] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(String(v["max-file-size"]));
  const nowText = v.now as string | undefined;
  const now =
    nowText === undefined
      ? new Date()
      : new Date(/^\d{4}-\d{2}-\d{2}$/.test(nowText) ? `${nowText}T12:00:00Z` : nowText);
  const r = argsSchema.safeParse({
    paths: parsed.positionals,
    format: v.format ?? "table",
    output: v.output,
    exceptions: v.exceptions,
    config: v.config,
    policies: (v.policies as string[] | undefined) ?? [],
    failOn: ((v["fail-on"] as string[] | undefined) ?? [])
      .flatMap((s) => s.split(","))
      .map((s) => s.trim())
      .filter(Boolean),
    maxFileSize: size ?? Number.NaN,
    now: Number.isNaN(now.getTime()) ? undefined : now,
    progress: !v["no-progress"],
    threads: threadsArg(v.threads as string | undefined),
    push: v.push === undefined ? undefined : pushTargetFromArgs(v, String(v.push)),
  });
  if (!r.success) throw new UsageError(r.error.issues.map((i) => i.message).join("; "));
  return r.data;
}

function threadsArg(v: string | undefined): "auto" | number | undefined {
  if (v === undefined || v === "auto") return "auto";
  // A value that is not a whole number fails the schema with its message (undefined reads as missing).
  return /^\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
}

function readConfigFile(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Which --fail-on gates the result trips (empty: passes). */
export function failedGates(result: ScanResult, failOn: string[]): string[] {
  const tripped: string[] = [];
  for (const gate of failOn) {
    if (gate === "any") {
      if (result.workloads.some((w) => Object.values(w.controls).some((c) => c.status === "fail")))
        tripped.push(gate);
    } else if (gate === "errors") {
      if (result.errors.length > 0) tripped.push(gate);
    } else if (gate === "pss:baseline") {
      if (result.workloads.some((w) => w.pssLevel === "privileged")) tripped.push(gate);
    } else if (gate === "pss:restricted") {
      if (result.workloads.some((w) => w.pssLevel !== "restricted")) tripped.push(gate);
    } else if (result.workloads.some((w) => w.controls[gate]?.status === "fail")) tripped.push(gate);
  }
  return tripped;
}

/** The scanner's documentation as installed beside the CLI: SARIF's tool.driver.informationUri. */
export const SCANNER_README_URI = new URL(
  // From lib/cli/commands (source) or dist/cli (the bundle, see scripts/build-cli.mjs).
  import.meta.url.endsWith(".ts") ? "../../scanner/README.md" : "../../lib/scanner/README.md",
  import.meta.url,
).href;

/** `cwd` is where the scanned paths are relative to (SARIF locations are relative to it). */
export function render(result: ScanResult, format: ScanArgs["format"], color: boolean, cwd: string): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(result, null, 2)}\n`;
    case "sarif":
      return `${JSON.stringify(renderSarif(result, { baseDir: resolve(cwd), informationUri: SCANNER_README_URI }), null, 2)}\n`;
    case "markdown":
      return renderMarkdown(result);
    default:
      return renderTable(result, { color });
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseScanArgs(argv);
  if (args === "help") {
    io.stdout.write(usage);
    return 0;
  }
  const cwdPath = (p: string) => resolve(io.cwd, p);
  let exceptions: ExceptionList | undefined;
  if (args.exceptions)
    exceptions = parseExceptionList(
      readConfigFile(cwdPath(args.exceptions), "exceptions file"),
      args.exceptions,
    );
  let config: ProjectConfig | undefined;
  const configPath = args.config ?? (existsSync(cwdPath("rampart.yaml")) ? "rampart.yaml" : undefined);
  if (configPath) config = parseProjectConfig(readConfigFile(cwdPath(configPath), "config file"), configPath);

  const inputs = collectInputs(args.paths, io.cwd);
  const options = { exceptions, config, now: args.now, maxFileSize: args.maxFileSize };
  // Policy texts go to the scanner that finishes the scan only (workers return per-file parts).
  const policies = collectInputs(args.policies, io.cwd)
    .filter((f) => f.path !== STDIN)
    .map((f) => ({ source: f.path, content: readConfigFile(cwdPath(f.path), "policy file") }));
  const scanner = new Scanner({ ...options, policies });
  const progress = new Progress(io.stderr, inputs.length, args.progress && io.stderr.isTTY === true);
  const addStdin = async (to: Scanner) => {
    const { text, tooLarge, size } = await readStream(io.stdin, args.maxFileSize);
    if (tooLarge)
      to.addError(
        STDIN_NAME,
        `input is larger than the size limit (${size} > ${args.maxFileSize} bytes, see --max-file-size); skipped`,
      );
    else to.addFile(STDIN_NAME, text);
  };
  const threads =
    args.threads === "auto" ? autoThreads(inputs) : Math.min(args.threads, availableParallelism() * 4);
  let unreadable = 0;
  if (threads > 1) {
    unreadable = await scanInPool(scanner, inputs, {
      threads,
      cwd: io.cwd,
      maxFileSize: args.maxFileSize,
      options,
      scanHere: async () => {
        const here = new Scanner(options);
        await addStdin(here);
        return { scan: here.takeFileScan(), unreadable: false };
      },
      onMerged: (input: InputFile) => progress.tick(input.path),
    });
  } else {
    // Objects set aside as the pool does: without a policy, the scan's heap keeps results only.
    const objects = new PolicyObjects(scanner);
    for (const input of inputs) {
      progress.tick(input.path);
      if (input.path === STDIN) await addStdin(scanner);
      else if (addInputFile(scanner, input, io.cwd, args.maxFileSize)) unreadable++;
      objects.add(input, scanner.takePolicyObjects());
    }
    objects.restore((input) => rereadObjects(input, { cwd: io.cwd, maxFileSize: args.maxFileSize, options }));
  }
  progress.done();
  const result = scanner.finish();
  const color = !args.output && io.stdout.isTTY === true && !io.env.NO_COLOR;
  const text = render(result, args.format, color, io.cwd);
  if (args.output) {
    try {
      writeFileSync(cwdPath(args.output), text);
    } catch (e) {
      throw new UsageError(`cannot write ${args.output}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  } else io.stdout.write(text);
  if (unreadable > 0) {
    io.stderr.write(`rampart scan: ${unreadable} input file(s) could not be read\n`);
    return 2;
  }
  if (args.push) {
    const pushed = await pushAndReport(args.push, JSON.stringify(result), io);
    if (pushed !== 0) return pushed;
  }
  const tripped = failedGates(result, args.failOn);
  if (tripped.length) {
    io.stderr.write(`rampart scan: failed --fail-on ${tripped.join(",")}\n`);
    return 1;
  }
  return 0;
}

const scan: Command = {
  name: "scan",
  summary: "Scan Kubernetes manifests for hardening and PSS controls",
  usage,
  run,
};
export default scan;
