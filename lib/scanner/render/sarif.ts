/** SARIF 2.1.0: one rule per control; one result per failing (or waived, as suppressed) control. */
import { CONTROL_DEFINITIONS } from "../controls/index.ts";
import type { ScanResult } from "../schema.ts";
import type { Severity } from "../types.ts";
import { workloadId } from "./common.ts";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
};

function uri(file: string): string {
  if (file === "-") return "stdin";
  return encodeURI(file.replace(/\\/g, "/"));
}

export function renderSarif(result: ScanResult): object {
  const rules = CONTROL_DEFINITIONS.map((c) => ({
    id: c.id,
    name: c.title,
    shortDescription: { text: c.title },
    fullDescription: { text: c.rationale },
    help: {
      text: `${c.rationale}\n\nRemediation:\n${c.remediation}`,
      markdown: `${c.rationale}\n\n\`\`\`yaml\n${c.remediation}\`\`\``,
    },
    defaultConfiguration: { level: LEVEL[c.severity] },
    properties: { category: c.category, severity: c.severity, tags: ["security", "kubernetes", c.category] },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: object[] = [];
  for (const w of result.workloads) {
    for (const c of CONTROL_DEFINITIONS) {
      const r = w.controls[c.id];
      if (!r || (r.status !== "fail" && r.status !== "waived")) continue;
      const res: Record<string, unknown> = {
        ruleId: c.id,
        ruleIndex: ruleIndex.get(c.id),
        level: LEVEL[c.severity],
        message: { text: `${w.kind} ${w.namespace}/${w.name}: ${r.message || c.title}` },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: uri(w.file) }, region: { startLine: w.line } },
            logicalLocations: [{ fullyQualifiedName: workloadId(w), kind: "resource" }],
          },
        ],
        partialFingerprints: { workload: `${workloadId(w)}/${c.id}` },
      };
      if (r.status === "waived" && r.exception) {
        res.suppressions = [
          {
            kind: "external",
            status: "accepted",
            justification: `${r.exception.justification} (owner: ${r.exception.owner}${r.exception.expires ? `, expires ${r.exception.expires}` : ""})`,
          },
        ];
      }
      results.push(res);
    }
  }
  const notifications = result.errors.map((e) => ({
    level: "error",
    message: { text: e.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uri(e.file) },
          ...(e.line ? { region: { startLine: e.line } } : {}),
        },
      },
    ],
  }));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "rampart",
            version: result.scanner.version,
            semanticVersion: result.scanner.version,
            rules,
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
}
