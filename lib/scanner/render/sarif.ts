/** SARIF 2.1.0: one rule per control; one result per failing (or waived, as suppressed) control. */
import { CONTROL_DEFINITIONS } from "../controls/index.ts";
import type { ScanResult } from "../schema.ts";
import type { ControlDefinition, Severity } from "../types.ts";
import { evaluatedPolicies, policiesNotEvaluated, workloadId } from "./common.ts";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
};

/** SARIF messages are sentences (SARIF2001: end with a period). */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trimEnd()) ? text : `${text.trimEnd()}.`;
}

/** Rule names are PascalCase identifiers (SARIF2012 wants a name that is not the id and reads as one). */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, ch: string) => ch.toUpperCase());
}

export interface SarifOptions {
  /**
   * Absolute directory the scanned paths are relative to (the CLI's working directory). Locations are
   * URIs relative to the `%SRCROOT%` base, which the run maps to this directory.
   */
  baseDir?: string;
  /** Where to learn about the tool (tool.driver.informationUri). */
  informationUri?: string;
}

export const SRCROOT = "%SRCROOT%";
const STDIN_NAMES = new Set(["-", "<stdin>"]);

const KUBERNETES_DOCS = "https://kubernetes.io/docs";
/** Where each control's subject is documented upstream (rules' helpUri). */
function helpUri(c: ControlDefinition): string {
  if (c.mapping.pss) return `${KUBERNETES_DOCS}/concepts/security/pod-security-standards/`;
  if (c.id === "network-policy") return `${KUBERNETES_DOCS}/concepts/services-networking/network-policies/`;
  if (c.id === "pod-disruption-budget") return `${KUBERNETES_DOCS}/tasks/run-application/configure-pdb/`;
  if (c.id === "resource-limits")
    return `${KUBERNETES_DOCS}/concepts/configuration/manage-resources-containers/`;
  return `${KUBERNETES_DOCS}/tasks/configure-pod-container/security-context/`;
}

function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

const ABSOLUTE = /^(\/|[A-Za-z]:\/)/;

/** An artifactLocation for a scanned path: relative to %SRCROOT% when it can be, else an absolute file URI. */
function artifactLocation(file: string, base: string | undefined): { uri: string; uriBaseId?: string } {
  const path = file.replace(/\\/g, "/");
  if (!ABSOLUTE.test(path)) return { uri: encodePath(path.replace(/^(\.\/)+/, "")), uriBaseId: SRCROOT };
  if (base && path.startsWith(base)) return { uri: encodePath(path.slice(base.length)), uriBaseId: SRCROOT };
  return { uri: `file://${path.startsWith("/") ? "" : "/"}${encodePath(path)}` };
}

function physicalLocation(file: string, base: string | undefined, line?: number): object | undefined {
  if (STDIN_NAMES.has(file)) return undefined; // no artifact to point at
  return { artifactLocation: artifactLocation(file, base), ...(line ? { region: { startLine: line } } : {}) };
}

export function renderSarif(result: ScanResult, options: SarifOptions = {}): object {
  const base = options.baseDir ? `${options.baseDir.replace(/\\/g, "/").replace(/\/+$/, "")}/` : undefined;
  const rules: { id: string; [field: string]: unknown }[] = CONTROL_DEFINITIONS.map((c) => ({
    id: c.id,
    name: ruleName(c.id),
    shortDescription: { text: `${c.title}.` },
    fullDescription: { text: c.rationale },
    helpUri: helpUri(c),
    help: {
      text: `${c.rationale}\n\nRemediation:\n${c.remediation}`,
      markdown: `${c.rationale}\n\n\`\`\`yaml\n${c.remediation}\`\`\``,
    },
    defaultConfiguration: { level: LEVEL[c.severity] },
    properties: { category: c.category, severity: c.severity, tags: ["security", "kubernetes", c.category] },
  }));
  const policyLevel = (actions: readonly string[]) =>
    actions.includes("Deny") ? "error" : actions.includes("Warn") ? "warning" : "note";
  for (const p of evaluatedPolicies(result))
    rules.push({
      id: `vap:${p.name}`,
      name: `Policy${ruleName(p.name.replace(/[^A-Za-z0-9-]+/g, "-").toLowerCase())}`,
      shortDescription: { text: `ValidatingAdmissionPolicy ${p.name}.` },
      fullDescription: {
        text: `ValidatingAdmissionPolicy ${p.name} from ${p.source} (${p.validationActions.join(", ")}).`,
      },
      helpUri: `${KUBERNETES_DOCS}/reference/access-authn-authz/validating-admission-policy/`,
      help: {
        text: `Objects must satisfy ValidatingAdmissionPolicy ${p.name} (${p.source}).`,
        markdown: `Objects must satisfy ValidatingAdmissionPolicy \`${p.name}\` (${p.source}).`,
      },
      defaultConfiguration: { level: policyLevel(p.validationActions) },
      properties: { category: "policy", severity: "medium", tags: ["security", "kubernetes", "policy"] },
    });
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: object[] = [];
  for (const w of result.workloads) {
    for (const c of CONTROL_DEFINITIONS) {
      const r = w.controls[c.id];
      if (!r || (r.status !== "fail" && r.status !== "waived")) continue;
      const where = physicalLocation(w.file, base, w.line);
      const res: Record<string, unknown> = {
        ruleId: c.id,
        ruleIndex: ruleIndex.get(c.id),
        level: LEVEL[c.severity],
        message: { text: sentence(`${w.kind} ${w.namespace}/${w.name}: ${r.message || c.title}`) },
        locations: [
          {
            ...(where ? { physicalLocation: where } : {}),
            logicalLocations: [{ fullyQualifiedName: workloadId(w), kind: "resource" }],
          },
        ],
        // The same workload may be declared in two files (an install.yaml and its HA variant).
        partialFingerprints: { "rampartWorkload/v1": `${w.file}#${workloadId(w)}/${c.id}` },
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
  // Policy results on every object (workloads and other scanned objects).
  for (const o of [...result.workloads, ...(result.resources ?? [])]) {
    const id = `${o.namespace || "-"}/${o.kind}/${o.name}`;
    for (const [control, r] of Object.entries(o.controls)) {
      if (!control.startsWith("vap:") || (r.status !== "fail" && r.status !== "waived")) continue;
      const where = physicalLocation(o.file, base, o.line);
      const res: Record<string, unknown> = {
        ruleId: control,
        ruleIndex: ruleIndex.get(control),
        level: policyLevel(r.validationActions ?? ["Deny"]),
        message: {
          text: sentence(`${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name}: ${r.message}`),
        },
        locations: [
          {
            ...(where ? { physicalLocation: where } : {}),
            logicalLocations: [{ fullyQualifiedName: id, kind: "resource" }],
          },
        ],
        partialFingerprints: { "rampartWorkload/v1": `${o.file}#${id}/${control}` },
      };
      if (r.status === "waived" && r.exception)
        res.suppressions = [
          {
            kind: "external",
            status: "accepted",
            justification: `${r.exception.justification} (owner: ${r.exception.owner})`,
          },
        ];
      results.push(res);
    }
  }
  const notifications = [
    ...result.errors.map((e) => {
      const where = physicalLocation(e.file, base, e.line);
      return {
        level: "error",
        message: { text: sentence(e.message) },
        ...(where ? { locations: [{ physicalLocation: where }] } : {}),
      };
    }),
    ...policiesNotEvaluated(result).map((p) => ({
      level: "warning",
      message: { text: sentence(`ValidatingAdmissionPolicy ${p.name} (${p.source}): ${p.notEvaluated}`) },
    })),
  ];
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
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules,
          },
        },
        ...(base
          ? { originalUriBaseIds: { [SRCROOT]: { uri: artifactLocation(base, undefined).uri } } }
          : {}),
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
}
