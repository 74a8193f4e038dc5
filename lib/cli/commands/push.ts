/** `rampart push <file>`: send a saved scan (Rampart JSON, or another tool's output) to a Rampart server. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { parseReportText } from "../../importers/parse-report-text.ts";
import { readStream } from "../files.ts";
import { parseCommandArgs } from "../parse-command-args.ts";
import { pushAndReport } from "../push-client.ts";
import { PUSH_OPTIONS, pushOptionsSchema, pushTargetFromArgs } from "../push-options.ts";
import { type CliIO, type Command, UsageError } from "../types.ts";

const FORMATS = ["rampart", "polaris", "kube-score", "kubescape", "sarif", "policyreport"] as const;
const MAX_STDIN_BYTES = 256 * 1024 * 1024;

const usage = `Usage: rampart push <file|-> --server <url> --project <slug> --environment <name> [options]

Send a scan result file to a Rampart server: Rampart's JSON (rampart scan --format json), or the
JSON output of Polaris, kube-score, Kubescape, or SARIF 2.1.0 (Trivy, Checkov, kube-score, Kubescape),
or in-cluster PolicyReports / openreports Reports as JSON or YAML. "-" reads stdin:
  kubectl get policyreports,clusterpolicyreports -A -o yaml | rampart push - --server … --project … --environment …
Retries with backoff; when the server cannot be reached the file stays where it is.

Options:
      --server <url>         Rampart server, e.g. https://rampart.example.com
      --project <slug>       Project to store the scan in
      --environment <name>   Environment, e.g. production
      --format <fmt>         ${FORMATS.join(" | ")} (default: detected from the file)
      --token <token>        API token (default: $RAMPART_TOKEN)
      --git-ref <ref>        Branch or tag; --git-commit <sha>; --message <text>
      --idempotency-key <k>  Sent as Idempotency-Key (default: a new UUID per run, kept by its retries):
                             give the key a saved-for-later command prints to resend that same push
  -h, --help                 Show this help

Each run is a new scan, except a push the server already stored under the same idempotency key.

Exit codes: 0 stored (or already stored), 2 usage error, unreadable file or rejected by the server,
3 server unreachable.
`;

async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(argv, { ...PUSH_OPTIONS, format: { type: "string" } });
  const v = parsed.values;
  if (v.help) {
    io.stdout.write(usage);
    return 0;
  }
  if (parsed.positionals.length !== 1) throw new UsageError("give exactly one file to push");
  if (v.format !== undefined && !z.enum(FORMATS).safeParse(v.format).success)
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
  const target = pushOptionsSchema.safeParse({
    ...pushTargetFromArgs(v, String(v.server ?? ""), io.env),
    format: v.format,
  });
  if (!target.success) throw new UsageError(target.error.issues.map((i) => i.message).join("; "));
  const file = parsed.positionals[0];
  let text: string;
  try {
    text = file === "-" ? await readStdin(io) : readFileSync(resolve(io.cwd, file), "utf8");
  } catch (e) {
    throw new UsageError(`cannot push ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return pushAndReport(target.data, jsonBody(text, file === "-" ? "stdin" : file), io);
}

async function readStdin(io: CliIO): Promise<string> {
  if (io.stdin.isTTY)
    throw new UsageError(
      "push -: pipe the scan into stdin, e.g. kubectl get policyreports -A -o yaml | rampart push - …",
    );
  const { text, tooLarge, size } = await readStream(io.stdin, MAX_STDIN_BYTES);
  if (tooLarge) throw new UsageError(`cannot push stdin: ${size} bytes exceeds ${MAX_STDIN_BYTES}`);
  return text;
}

/** The body to send: JSON as it is; YAML (a List or a multi-document stream of reports) converted to JSON. */
function jsonBody(text: string, name: string): string {
  const first = text.trimStart()[0];
  if (first === "{" || first === "[") {
    try {
      JSON.parse(text);
      return text;
    } catch (e) {
      throw new UsageError(`cannot push ${name}: not valid JSON (${(e as Error).message})`);
    }
  }
  try {
    return JSON.stringify(parseReportText(text, name));
  } catch (e) {
    throw new UsageError(`cannot push ${(e as Error).message}`);
  }
}

const push: Command = { name: "push", summary: "Send a saved scan result to a Rampart server", usage, run };
export default push;
