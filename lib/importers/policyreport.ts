/**
 * In-cluster policy reports: `wgpolicyk8s.io/v1alpha2` PolicyReport / ClusterPolicyReport and their successor
 * `openreports.io/v1alpha1` Report / ClusterReport, as Kyverno, the Kubescape operator, the Trivy operator (through
 * its PolicyReport adapter, source "Trivy ConfigAudit") and Falco (Falcosidekick's policy report output) publish
 * them. One report, or a `kubectl get … -o yaml` List of them (`items`), or a plain array.
 *
 * Each result names a policy and rule, a result (pass, fail, warn, error, skip), severity, category, source and
 * the resources it is about (`resources`, openreports `subjects`, else the report's `scope`). Mapping:
 * - the tool comes from the result's `source` (else the report's): Kyverno -> policy names (policy/rule first),
 *   Kubescape -> its control id (C-0013) in the policy or rule, Trivy -> its KSV id (KSV012, AVD-KSV-0012);
 * - pass -> pass, fail -> fail, warn -> warning (fail for a mapped control, as for other importers), skip -> not
 *   evaluated, error -> not evaluated and listed with the evaluation error;
 * - everything else (custom Kyverno policies, Falco rules, unmapped Kubescape/Trivy checks, any result about an
 *   object that is not a workload: RBAC, namespaces) is the tool's own control `<tool>:<policy>[/<rule>]`
 *   (lib/program/tool-control-id.ts: kyverno:require-labels/check-for-labels, falco:falco-events/terminal-shell-
 *   in-container, kubescape:c-0034, trivy:ksv020), with a result per object, on workloads and on other objects
 *   (`resources`) alike, and a catalog entry with the tool's severity (on Rampart's scale) and category:
 *   pass -> pass; fail -> fail; warn -> fail (the object breaks the rule; Kyverno reports an unscored rule's failure
 *   as warn), its message starting "warn: "; skip and error -> n/a, with the reason as `notEvaluated`. Several
 *   results for one object and control: fail wins over pass, pass over n/a. Kyverno's autogen-<rule> is <rule>.
 * - a result about no object at all (a Falco event outside any pod) stays one of the tool's other findings.
 * Pods and ReplicaSets created by a reported controller (name = controller name + generated suffix, same
 * namespace) are folded into it: the cluster lists them beside their Deployment, which is the one workload. Their
 * results for mapped controls are listed as other findings; for the tool's own controls they count for the
 * controller when it has no result of its own for that control (Falco watches pods only), else (Kyverno reports
 * the pod's rule beside the controller's autogen rule) they are listed as other findings too.
 * The evidence is the cluster's live state (`evidence: "cluster"`), dated by the newest result timestamp (else the
 * newest report's creationTimestamp), with the span of those times as `observedAt` (what tells a re-import of the
 * same reports from a new run of the engine).
 */
import { z } from "zod";
import { toolControlId, toolSeverity } from "../program/tool-control-id.ts";
import { ImportBuilder, isWorkloadKind, type ResourceRef, type ToolOutcome } from "./build.ts";
import { controlsFor, type ToolKey } from "./mapping.ts";
import {
  ImportError,
  type ImportedScan,
  type ImportOptions,
  type OtherFinding,
  type ToolControl,
} from "./types.ts";
import { parseWith } from "./zod-error.ts";

const REPORT_GROUPS = ["wgpolicyk8s.io/", "openreports.io/"];
const REPORT_KINDS = new Set(["PolicyReport", "ClusterPolicyReport", "Report", "ClusterReport"]);

const objectRef = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
  uid: z.string().optional(),
});

const timestamp = z.union([
  z.looseObject({ seconds: z.union([z.number(), z.string()]).optional(), nanos: z.number().optional() }),
  z.string(),
]);

const result = z.looseObject({
  source: z.string().optional(),
  policy: z.string().optional(),
  rule: z.string().optional(),
  category: z.string().optional(),
  severity: z.string().optional(),
  message: z.string().optional(),
  description: z.string().optional(),
  result: z.enum(["pass", "fail", "warn", "error", "skip"]),
  scored: z.boolean().optional(),
  timestamp: timestamp.optional(),
  resources: z.array(objectRef).nullish(),
  subjects: z.array(objectRef).nullish(),
  properties: z.record(z.string(), z.unknown()).nullish(),
});

const report = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z
    .looseObject({
      name: z.string().optional(),
      namespace: z.string().optional(),
      creationTimestamp: z.string().optional(),
    })
    .optional(),
  source: z.string().optional(),
  scope: objectRef.nullish(),
  results: z.array(result).nullish(),
});

type Report = z.infer<typeof report>;
type Result = z.infer<typeof result>;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

function isReport(v: unknown): boolean {
  return (
    isObj(v) &&
    typeof v.apiVersion === "string" &&
    REPORT_GROUPS.some((g) => (v.apiVersion as string).startsWith(g)) &&
    typeof v.kind === "string" &&
    REPORT_KINDS.has(v.kind)
  );
}

/** The reports of the input: a report, a List (`items`) or an array of them. */
function reportItems(json: unknown): unknown[] | null {
  if (isReport(json)) return [json];
  const items = Array.isArray(json) ? json : isObj(json) && Array.isArray(json.items) ? json.items : null;
  if (!items || items.length === 0 || !items.every(isReport)) return null;
  return items;
}

export function looksLikePolicyReport(json: unknown): boolean {
  return reportItems(json) !== null;
}

/** Source -> mapping column, display name. */
function toolOf(source: string): { key: ToolKey | undefined; name: string } {
  const s = source.toLowerCase();
  if (s.includes("kyverno")) return { key: "kyverno", name: source };
  if (s.includes("kubescape")) return { key: "kubescape", name: source };
  if (s.includes("trivy")) return { key: "trivy", name: source };
  return { key: undefined, name: source };
}

/** The tool's check id the mapping table is keyed by, or the policy name. */
export function checkIdOf(key: ToolKey | undefined, r: Pick<Result, "policy" | "rule">): string {
  const policy = r.policy ?? r.rule ?? "(unnamed policy)";
  if (key === "kyverno") {
    const rule = kyvernoRule(r.rule);
    const byRule = `${policy}/${rule ?? ""}`;
    return rule && controlsFor(key, byRule).length > 0 ? byRule : policy;
  }
  const texts = [r.rule ?? "", r.policy ?? ""];
  if (key === "kubescape") {
    for (const t of texts) {
      const m = /\bC-(\d{4})\b/i.exec(t);
      if (m) return `C-${m[1]}`;
    }
  }
  if (key === "trivy") {
    for (const t of texts) {
      const m = /\bKSV-?0*(\d{1,4})\b/i.exec(t);
      if (m) return `KSV${m[1].padStart(3, "0")}`;
    }
  }
  return policy;
}

/** Kyverno names the rules it generates for pod controllers "autogen-<rule>" / "autogen-cronjob-<rule>". */
const kyvernoRule = (rule: string | undefined) => rule?.replace(/^autogen-(cronjob-)?/, "");

/** The tool's own control a result is about (its check maps to no Rampart control). */
export function toolControlOf(
  tool: { key: ToolKey | undefined; name: string },
  r: Pick<Result, "policy" | "rule" | "severity" | "category">,
): ToolControl {
  const rule = tool.key === "kyverno" ? kyvernoRule(r.rule) : r.rule;
  const policy = r.policy ?? rule ?? "(unnamed policy)";
  // Kubescape and Trivy: their check id (C-0034, KSV020) is the control, whichever field holds it.
  const checkId = tool.key === "kubescape" || tool.key === "trivy" ? checkIdOf(tool.key, r) : policy;
  const id =
    checkId !== policy
      ? toolControlId(tool.key ?? tool.name, checkId)
      : toolControlId(tool.key ?? tool.name, policy, rule);
  // Title: the check id with the tool's name of it ("C-0034 Automatic mapping of service account"), else policy: rule.
  const named = [r.policy, r.rule].filter(
    (t): t is string => !!t && checkIdOf(tool.key, { policy: t }) !== checkId,
  );
  const title =
    checkId !== policy
      ? [checkId, ...named].join(" ")
      : rule && rule !== policy
        ? `${policy}: ${rule}`
        : policy;
  return {
    id,
    tool: tool.name,
    title,
    severity: toolSeverity(r.severity),
    category: r.category?.trim() || "policy",
  };
}

/** A result of a tool's own control, as its outcome on one object. */
function toolOutcomeOf(r: Result, tool: string, text: string): ToolOutcome {
  switch (r.result) {
    case "pass":
    case "fail":
      return { status: r.result, message: text };
    case "warn":
      return { status: "fail", message: `warn: ${text}` };
    case "skip":
      return {
        status: "n/a",
        message: text,
        notEvaluated: `skipped by ${tool}${r.message ? `: ${r.message}` : ""}`,
      };
    case "error":
      return {
        status: "n/a",
        message: `evaluation error: ${text}`,
        notEvaluated: `evaluation error: ${text}`,
      };
  }
}

function timeOf(t: Result["timestamp"]): number | undefined {
  if (t === undefined) return undefined;
  const ms = typeof t === "string" ? Date.parse(t) : Number(t.seconds) * 1000;
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

const CONTROLLERS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet"]);

/**
 * Pods and ReplicaSets the cluster created for a reported controller: a ReplicaSet `<deployment>-<hash>`, a pod
 * `<replicaset>-<5 chars>`, `<statefulset>-<ordinal>`, `<daemonset|job>-<5 chars>`, `<cronjob>-<time>-<5 chars>`.
 */
function ownedBy(
  ref: { kind: string; namespace: string; name: string },
  controllers: Map<string, ResourceRef>,
): ResourceRef | null {
  if (ref.kind !== "Pod" && ref.kind !== "ReplicaSet") return null;
  const parts = ref.name.split("-");
  for (let cut = parts.length - 1; cut >= 1 && cut >= parts.length - 3; cut--) {
    const owner = controllers.get(`${ref.namespace}\u0000${parts.slice(0, cut).join("-")}`);
    if (owner) return owner;
  }
  return null;
}

export function importPolicyReport(json: unknown, options: ImportOptions): ImportedScan {
  const items = reportItems(json);
  if (!items)
    throw new ImportError(
      "PolicyReport: expected a wgpolicyk8s.io PolicyReport/ClusterPolicyReport, an openreports.io Report/ClusterReport, or a List of them",
      "(root)",
    );
  const reports: Report[] = items.map((item, i) => parseWith(report, item, `PolicyReport items[${i}]`));

  // Resource of each result, and which controllers the reports name (to fold their pods into them).
  const controllers = new Map<string, ResourceRef>();
  const asRef = (x: { kind: string; name: string; namespace: string; apiVersion?: string }): ResourceRef => ({
    kind: x.kind,
    name: x.name,
    ...(x.namespace ? { namespace: x.namespace } : {}),
    ...(x.apiVersion ? { apiVersion: x.apiVersion } : {}),
  });
  const resourcesOf = (rep: Report, r: Result) => {
    const listed = [...(r.resources ?? []), ...(r.subjects ?? [])];
    const refs = listed.length > 0 ? listed : rep.scope ? [rep.scope] : [];
    return refs
      .filter((x) => x.kind && x.name)
      .map((x) => ({
        kind: x.kind as string,
        name: x.name as string,
        namespace: x.namespace || rep.metadata?.namespace || "",
        apiVersion: x.apiVersion,
      }));
  };
  for (const rep of reports)
    for (const r of rep.results ?? [])
      for (const x of resourcesOf(rep, r))
        if (CONTROLLERS.has(x.kind) && x.kind !== "ReplicaSet")
          controllers.set(`${x.namespace}\u0000${x.name}`, asRef(x));
  // A ReplicaSet of a reported Deployment folds into it; one not folded is a controller its pods fold into.
  for (const rep of reports)
    for (const r of rep.results ?? [])
      for (const x of resourcesOf(rep, r))
        if (x.kind === "ReplicaSet" && !ownedBy(x, controllers))
          controllers.set(`${x.namespace}\u0000${x.name}`, asRef(x));

  // When the cluster said it: the results' timestamps, else (results without one) the reports' creation times.
  const resultTimes: number[] = [];
  const sources = new Set<string>();
  const folded = new Set<string>();
  const b = new ImportBuilder(undefined, "PolicyReport", options);
  // Results of the tool's own controls on pods of a reported controller: decided once every object's own are in.
  const ownedToolResults: {
    ref: ResourceRef;
    owner: ResourceRef;
    control: ToolControl;
    outcome: ToolOutcome;
    finding: OtherFinding;
  }[] = [];
  for (const rep of reports) {
    for (const r of rep.results ?? []) {
      const source = r.source || rep.source || "unknown";
      sources.add(source);
      const tool = toolOf(source);
      b.setTool(tool.key, tool.name);
      const t = timeOf(r.timestamp);
      if (t !== undefined) resultTimes.push(t);
      const checkId = checkIdOf(tool.key, r);
      const title =
        r.rule && r.policy && r.rule !== r.policy ? `${r.policy}: ${r.rule}` : (r.policy ?? r.rule ?? "");
      const text = r.message || r.description || (r.result === "pass" ? "passed" : title);
      const message = r.result === "error" ? `evaluation error: ${text}` : text;
      const status =
        r.result === "warn"
          ? ("warning" as const)
          : r.result === "skip" || r.result === "error"
            ? ("skipped" as const)
            : r.result;
      const base = {
        title,
        status,
        message,
        ...(r.severity ? { severity: r.severity } : {}),
        ...(r.category ? { category: r.category } : {}),
      };
      const refs = resourcesOf(rep, r);
      if (refs.length === 0) {
        // About the cluster as a whole (a Falco event without a pod, a cluster policy): the tool's own finding.
        b.addOther({ tool: tool.name, checkId, ...base, file: b.importFile });
        continue;
      }
      for (const x of refs) {
        const owner = ownedBy(x, controllers);
        if (owner) folded.add(`${x.kind} ${x.namespace}/${x.name}`);
        const ref = asRef(x);
        const finding: OtherFinding = {
          tool: tool.name,
          checkId,
          ...base,
          kind: x.kind,
          ...(x.namespace ? { namespace: x.namespace } : {}),
          name: x.name,
          file: b.importFile,
          ...(owner ? { message: `${message} (created by ${owner.name}, counted there)` } : {}),
        };
        if (!isWorkloadKind(x.kind) || controlsFor(tool.key, checkId).length === 0) {
          // Not a Rampart control's: the tool's own control.
          const control = toolControlOf(tool, r);
          const outcome = toolOutcomeOf(r, tool.name, text);
          if (owner) ownedToolResults.push({ ref, owner, control, outcome, finding });
          else b.addToolOutcome(ref, control, outcome);
          continue;
        }
        // Errors stay visible even on a mapped check (the builder drops a mapped skipped outcome).
        if (owner || r.result === "error") {
          b.addOther(finding);
          if (!owner) b.addResource(ref);
          continue;
        }
        b.addOutcome(ref, { checkId, ...base });
      }
    }
  }
  // A pod's result counts for its controller unless the controller has one of its own for that control.
  const ownResult = new Map(
    ownedToolResults.map((o) => [
      `${o.owner.kind}/${o.owner.namespace}/${o.owner.name}\u0000${o.control.id}`,
      b.hasToolOutcome(o.owner, o.control.id),
    ]),
  );
  for (const o of ownedToolResults) {
    if (ownResult.get(`${o.owner.kind}/${o.owner.namespace}/${o.owner.name}\u0000${o.control.id}`))
      b.addOther(o.finding);
    else
      b.addToolOutcome(o.owner, o.control, {
        ...o.outcome,
        message: `${o.ref.kind} ${o.ref.name}: ${o.outcome.message}`,
      });
  }
  b.addNote(
    `imported from ${reports.length} policy report(s) of the cluster (${[...sources].sort().join(", ") || "no results"}); only the controls these policies evaluated are present`,
  );
  if (folded.size > 0)
    b.addNote(
      `${folded.size} pod(s)/ReplicaSet(s) created by a reported controller are not listed as workloads: their results count for the controller where it has none of its own for a tool's control, else they are listed as other findings`,
    );
  const now = options.now.getTime();
  const times = (
    resultTimes.length > 0
      ? resultTimes
      : reports.flatMap((rep) => timeOf(rep.metadata?.creationTimestamp) ?? [])
  ).filter((t) => t <= now);
  const observed = times.length > 0 ? { first: Math.min(...times), last: Math.max(...times) } : undefined;
  const { result: scan, otherFindings, controls } = b.finish();
  scan.generatedAt = new Date(observed?.last ?? now).toISOString();
  const tools = [...sources].sort();
  return {
    tool: tools.length === 1 ? tools[0] : `PolicyReport (${tools.join(", ")})`,
    toolVersion: "unknown",
    partialEvidence: false,
    evidence: "cluster",
    result: scan,
    otherFindings,
    controls,
    // The span of the observation ("first last" when the results were written over time), as SARIF's is.
    ...(observed
      ? {
          observedAt: [...new Set([observed.first, observed.last])]
            .map((t) => new Date(t).toISOString())
            .join(" "),
        }
      : {}),
  };
}
