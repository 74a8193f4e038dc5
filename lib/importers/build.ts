/**
 * Common builder: collects what a tool reported per resource and turns it into a Rampart
 * ScanResult (validated by scanResultSchema) plus the "other findings".
 *
 * Rules (see lib/importers/README in the report / the brief of issue #4):
 * - one workload per workload resource the tool reports (kind/namespace/name);
 * - a control is present only when the tool evaluated a check mapped to it; pass -> pass,
 *   fail/warning -> fail, and fail wins when several checks map to one control;
 * - pattern is inferred from the kind only (StatefulSet -> stateful, DaemonSet -> node-agent,
 *   else app-readonly); patternSource "inferred";
 * - pssLevel approximation: from the PSS controls the tool evaluated only (any failing
 *   pss-baseline control -> privileged, else any failing pss-restricted control -> baseline, else
 *   restricted). A control the tool did not evaluate counts as not failing, so the level is an
 *   upper bound of the real one;
 * - unmapped checks and everything about non-workload objects -> otherFindings, except the tool's own controls
 *   (addToolOutcome: PolicyReports), which hold results on workloads and on other objects (`resources`) alike:
 *   fail wins over pass, pass over not evaluated (n/a), when several results meet on one object and control.
 */
import {
  CONTROL_DEFINITIONS,
  type ControlResult,
  categorise,
  type Features,
  type NamespaceSummary,
  type PatternId,
  type PssLevel,
  SCANNER_VERSION,
  SCHEMA_VERSION,
  type ScanResult,
  type StatusCounts,
  WORKLOAD_KINDS,
  type WorkloadResult,
} from "../scanner/index.ts";
import { compareStrings, compareWorkloads } from "../scanner/util.ts";
import { controlsFor, type ToolKey } from "./mapping.ts";
import { TOOL_SEVERITIES } from "../program/tool-control-id.ts";
import type { ImportOptions, OtherFinding, ToolControl } from "./types.ts";

/** Kind used for SARIF results whose resource cannot be identified (only file and line known). */
export const UNIDENTIFIED_KIND = "Unidentified";
export const DEFAULT_FILE = "(imported)";

export type FindingStatus = OtherFinding["status"];

export interface ResourceRef {
  kind: string;
  namespace?: string;
  name: string;
  apiVersion?: string;
  file?: string;
  line?: number;
  labels?: Record<string, string>;
  podLabels?: Record<string, string>;
  containers?: WorkloadResult["containers"];
  /** Facts known from the resource itself (e.g. Kubescape embeds the object); override derived ones. */
  features?: Features;
}

export interface CheckOutcome {
  checkId: string;
  title: string;
  status: FindingStatus;
  message: string;
  severity?: string;
  /** The tool's own grouping of the check, kept on other findings. */
  category?: string;
  /** Container the outcome is about, when the tool reports per container. */
  container?: string;
}

interface Contribution {
  checkId: string;
  status: "pass" | "fail";
  message: string;
  container?: string;
  inferred?: boolean;
}

type ResourceResult = NonNullable<ScanResult["resources"]>[number];

/** One result of a tool's own control on an object. */
export interface ToolOutcome {
  status: "pass" | "fail" | "n/a";
  message: string;
  /** n/a: why the tool did not evaluate the rule here (skipped, evaluation error). */
  notEvaluated?: string;
}

interface Acc {
  ref: ResourceRef;
  controls: Map<string, Contribution[]>;
  /** The tool's own controls (`<tool>:<policy>[/<rule>]`), on any kind of object. */
  tool: Map<string, ToolOutcome[]>;
}

const STATUS_RANK = { fail: 0, pass: 1, "n/a": 2 } as const;

/** Several results of one tool control on one object: fail wins over pass, pass over not evaluated. */
function toolResult(list: readonly ToolOutcome[]): ControlResult {
  const status = list.map((o) => o.status).sort((a, b) => STATUS_RANK[a] - STATUS_RANK[b])[0];
  const winners = list.filter((o) => o.status === status);
  const result: ControlResult = {
    status,
    message: uniq(winners.map((o) => o.message)).join("; "),
    containers: [],
  };
  if (status === "n/a") result.notEvaluated = uniq(winners.map((o) => o.notEvaluated ?? "")).join("; ");
  return result;
}

const SORTED_IDS = CONTROL_DEFINITIONS.map((c) => c.id).sort();
const PSS_BASELINE = CONTROL_DEFINITIONS.filter((c) => c.category === "pss-baseline").map((c) => c.id);
const PSS_RESTRICTED = CONTROL_DEFINITIONS.filter((c) => c.category === "pss-restricted").map((c) => c.id);

const API_VERSIONS: Record<string, string> = {
  Deployment: "apps/v1",
  StatefulSet: "apps/v1",
  DaemonSet: "apps/v1",
  ReplicaSet: "apps/v1",
  Job: "batch/v1",
  CronJob: "batch/v1",
  Pod: "v1",
  ReplicationController: "v1",
};

export function isWorkloadKind(kind: string): boolean {
  return WORKLOAD_KINDS.has(kind) || kind === UNIDENTIFIED_KIND;
}

export function inferPatternFromKind(kind: string): PatternId {
  if (kind === "StatefulSet") return "stateful";
  if (kind === "DaemonSet") return "node-agent";
  return "app-readonly";
}

/** The PSS-level approximation documented at the top of this file. */
export function pssLevelFromControls(controls: Record<string, ControlResult>): PssLevel {
  const failing = (id: string) => controls[id]?.status === "fail";
  if (PSS_BASELINE.some(failing)) return "privileged";
  if (PSS_RESTRICTED.some(failing)) return "baseline";
  return "restricted";
}

export function defaultFeatures(): Features {
  return {
    runAsNonRoot: false,
    readOnlyRootFilesystem: false,
    capabilitiesDropped: false,
    addedCapabilities: [],
    tempVolumes: false,
    dataVolumes: false,
    hostPath: false,
    initContainersSecured: false,
  };
}

/** Features a tool's outcomes imply when the resource itself is not available. */
export function featuresFromControls(controls: Record<string, ControlResult>): Features {
  const f = defaultFeatures();
  f.runAsNonRoot = controls["run-as-non-root"]?.status === "pass";
  f.readOnlyRootFilesystem = controls["read-only-root-filesystem"]?.status === "pass";
  f.capabilitiesDropped = controls["capabilities-drop-all"]?.status === "pass";
  f.hostPath = controls["pss-host-path"]?.status === "fail";
  return f;
}

function emptyCounts(): StatusCounts {
  return { pass: 0, fail: 0, waived: 0, "n/a": 0 };
}

/**
 * Summary counts over workloads, computed as lib/scanner/scan.ts `finish()` does (every control
 * id present with zero counts, one count per workload control status, PSS levels, patterns
 * sorted by id). The scanner does not export this step, hence this small copy.
 */
export function summariseWorkloads(workloads: readonly WorkloadResult[]): ScanResult["summary"] {
  const controls: Record<string, StatusCounts> = {};
  for (const id of SORTED_IDS) controls[id] = emptyCounts();
  const pssLevels = { restricted: 0, baseline: 0, privileged: 0 };
  const patternCounts: Record<string, number> = {};
  let expiredExceptions = 0;
  for (const w of workloads) {
    pssLevels[w.pssLevel]++;
    patternCounts[w.pattern] = (patternCounts[w.pattern] ?? 0) + 1;
    for (const [id, r] of Object.entries(w.controls)) {
      controls[id] ??= emptyCounts();
      controls[id][r.status]++;
      if (r.expiredException) expiredExceptions++;
    }
  }
  const patterns: Record<string, number> = {};
  for (const k of Object.keys(patternCounts).sort()) patterns[k] = patternCounts[k];
  return { workloads: workloads.length, controls, pssLevels, patterns, expiredExceptions };
}

function keyOf(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

function uniq(list: string[]): string[] {
  return [...new Set(list.filter((s) => s !== ""))];
}

export class ImportBuilder {
  private readonly resources = new Map<string, Acc>();
  private readonly other: OtherFinding[] = [];
  private readonly notes: string[] = [];
  private readonly toolControls = new Map<string, ToolControl>();

  constructor(
    /** Which column of the controls' `mapping` to use (undefined: nothing maps). */
    public toolKey: ToolKey | undefined,
    /** Display name of the tool, used in messages and other findings. */
    public toolName: string,
    private readonly options: ImportOptions,
  ) {}

  /** Switches the tool for the following outcomes (SARIF logs can hold runs of several tools). */
  setTool(toolKey: ToolKey | undefined, toolName: string): void {
    this.toolKey = toolKey;
    this.toolName = toolName;
  }

  get importFile(): string {
    return this.options.fileName || DEFAULT_FILE;
  }

  /** Where an imported object is said to be: the report's file (or the import's), its line when known. */
  private placement(ref: ResourceRef) {
    return {
      file: ref.file || this.importFile,
      document: 0,
      line: ref.line && ref.line > 0 ? Math.floor(ref.line) : 1,
    };
  }

  private namespaceOf(ref: ResourceRef): string | undefined {
    if (ref.namespace) return ref.namespace;
    return isWorkloadKind(ref.kind) ? "default" : undefined;
  }

  /** Registers a resource (idempotent; later calls fill in missing details). Returns its key. */
  addResource(ref: ResourceRef): string {
    const ns = this.namespaceOf(ref) ?? "";
    const key = keyOf(ref.kind, ns, ref.name);
    const acc = this.resources.get(key);
    if (!acc) {
      this.resources.set(key, {
        ref: { ...ref, namespace: ns || undefined },
        controls: new Map(),
        tool: new Map(),
      });
    } else {
      const r = acc.ref;
      r.apiVersion ??= ref.apiVersion;
      r.file ??= ref.file;
      r.line ??= ref.line;
      r.labels ??= ref.labels;
      r.podLabels ??= ref.podLabels;
      r.features ??= ref.features;
      if (ref.containers?.length && !r.containers?.length) r.containers = ref.containers;
    }
    return key;
  }

  /** Records one tool check outcome on a resource: mapped -> controls, else -> other findings. */
  addOutcome(ref: ResourceRef, o: CheckOutcome): void {
    const key = this.addResource(ref);
    const acc = this.resources.get(key) as Acc;
    const mapped = isWorkloadKind(ref.kind) ? controlsFor(this.toolKey, o.checkId) : [];
    if (mapped.length === 0 || o.status === "skipped") {
      if (mapped.length > 0) return; // a mapped check the tool skipped: not evaluated, control absent
      this.addOther({
        tool: this.toolName,
        checkId: o.checkId,
        title: o.title,
        ...(o.severity ? { severity: o.severity } : {}),
        ...(o.category ? { category: o.category } : {}),
        status: o.status,
        kind: ref.kind,
        ...(acc.ref.namespace ? { namespace: acc.ref.namespace } : {}),
        name: ref.name,
        file: acc.ref.file ?? this.importFile,
        message: o.container ? `${o.container}: ${o.message}` : o.message,
      });
      return;
    }
    for (const controlId of mapped) {
      const list = acc.controls.get(controlId) ?? [];
      list.push({
        checkId: o.checkId,
        status: o.status === "pass" ? "pass" : "fail",
        message: o.message,
        ...(o.container ? { container: o.container } : {}),
      });
      acc.controls.set(controlId, list);
    }
  }

  /**
   * Records a result of a tool's own control on any object (a workload or not). The catalog entry keeps the highest
   * severity and the first category the tool gave the control.
   */
  addToolOutcome(ref: ResourceRef, control: ToolControl, outcome: ToolOutcome): void {
    const acc = this.resources.get(this.addResource(ref)) as Acc;
    acc.tool.set(control.id, [...(acc.tool.get(control.id) ?? []), outcome]);
    const known = this.toolControls.get(control.id);
    const rank = (severity: string) => TOOL_SEVERITIES.indexOf(severity as (typeof TOOL_SEVERITIES)[number]);
    if (!known) this.toolControls.set(control.id, { ...control });
    else {
      if (rank(control.severity) < rank(known.severity)) known.severity = control.severity;
      if (known.category === "policy" && control.category !== "policy") known.category = control.category;
    }
  }

  /** Whether the object has a result of the tool control of its own. */
  hasToolOutcome(ref: ResourceRef, controlId: string): boolean {
    const ns = this.namespaceOf(ref) ?? "";
    return this.resources.get(keyOf(ref.kind, ns, ref.name))?.tool.has(controlId) ?? false;
  }

  /** SARIF: a control the run's rules map, with no result for this resource -> inferred pass. */
  addInferredPass(key: string, controlId: string, checkIds: readonly string[]): void {
    const acc = this.resources.get(key);
    if (!acc) return;
    const list = acc.controls.get(controlId) ?? [];
    list.push({
      checkId: checkIds.join(", "),
      status: "pass",
      message: `inferred: no SARIF result for ${checkIds.join(", ")} (${this.toolName})`,
      inferred: true,
    });
    acc.controls.set(controlId, list);
  }

  hasControl(key: string, controlId: string): boolean {
    return this.resources.get(key)?.controls.has(controlId) ?? false;
  }

  resourceKeys(): { key: string; ref: ResourceRef }[] {
    return [...this.resources.entries()].map(([key, a]) => ({ key, ref: a.ref }));
  }

  addOther(f: OtherFinding): void {
    this.other.push(f);
  }

  addNote(message: string): void {
    this.notes.push(message);
  }

  private controlResult(list: Contribution[]): ControlResult {
    const fails = list.filter((c) => c.status === "fail");
    let message: string;
    if (fails.length > 0) message = uniq(fails.map((c) => `${c.checkId}: ${c.message}`)).join("; ");
    else if (list.every((c) => c.inferred)) message = uniq(list.map((c) => c.message)).join("; ");
    else message = uniq(list.filter((c) => !c.inferred).map((c) => `${c.checkId}: ${c.message}`)).join("; ");
    const byContainer = new Map<string, Contribution[]>();
    for (const c of list) {
      if (!c.container) continue;
      byContainer.set(c.container, [...(byContainer.get(c.container) ?? []), c]);
    }
    const containers = [...byContainer.entries()].map(([name, cs]) => {
      const f = cs.filter((c) => c.status === "fail");
      return f.length > 0
        ? {
            name,
            status: "fail" as const,
            message: uniq(f.map((c) => `${c.checkId}: ${c.message}`)).join("; "),
          }
        : { name, status: "pass" as const, message: "" };
    });
    return { status: fails.length > 0 ? "fail" : "pass", message, containers };
  }

  finish(): { result: ScanResult; otherFindings: OtherFinding[]; controls: ToolControl[] } {
    const workloads: WorkloadResult[] = [];
    const resources: ResourceResult[] = [];
    const objects = new Map<string, number>();
    const nsIndex = new Map<string, { networkPolicies: number; pdbs: number }>();
    const nsEntry = (ns: string) => {
      let e = nsIndex.get(ns);
      if (!e) {
        e = { networkPolicies: 0, pdbs: 0 };
        nsIndex.set(ns, e);
      }
      return e;
    };
    for (const { ref, controls: raw, tool } of this.resources.values()) {
      objects.set(ref.kind, (objects.get(ref.kind) ?? 0) + 1);
      if (ref.kind === "NetworkPolicy" && ref.namespace) nsEntry(ref.namespace).networkPolicies++;
      if (ref.kind === "PodDisruptionBudget" && ref.namespace) nsEntry(ref.namespace).pdbs++;
      const own: Record<string, ControlResult> = {};
      for (const id of [...tool.keys()].sort()) own[id] = toolResult(tool.get(id) ?? []);
      if (!isWorkloadKind(ref.kind)) {
        // Another object: present when a tool's own control evaluated it.
        if (tool.size === 0) continue;
        const namespace = ref.namespace ?? "";
        const labels = ref.labels ?? {};
        resources.push({
          kind: ref.kind,
          apiVersion: ref.apiVersion || "unknown",
          namespace,
          name: ref.name,
          ...this.placement(ref),
          labels,
          category: categorise(undefined, { kind: ref.kind, namespace, name: ref.name, labels }, {}),
          controls: own,
        });
        continue;
      }
      const namespace = ref.namespace || "default";
      nsEntry(namespace);
      const controls: Record<string, ControlResult> = {};
      for (const id of SORTED_IDS) {
        const list = raw.get(id);
        if (list && list.length > 0) controls[id] = this.controlResult(list);
      }
      Object.assign(controls, own);
      const labels = ref.labels ?? {};
      const podLabels = ref.podLabels ?? {};
      const selectable = { kind: ref.kind, namespace, name: ref.name, labels: { ...podLabels, ...labels } };
      workloads.push({
        kind: ref.kind,
        apiVersion: ref.apiVersion || API_VERSIONS[ref.kind] || "unknown",
        namespace,
        name: ref.name,
        ...this.placement(ref),
        labels,
        podLabels,
        category: categorise(undefined, selectable, podLabels),
        pattern: inferPatternFromKind(ref.kind),
        patternSource: "inferred",
        pssLevel: pssLevelFromControls(controls),
        containers: ref.containers ?? [],
        features: ref.features ?? featuresFromControls(controls),
        controls,
      });
    }
    workloads.sort(compareWorkloads);
    resources.sort(
      (a, b) =>
        compareStrings(a.namespace, b.namespace) ||
        compareStrings(a.kind, b.kind) ||
        compareStrings(a.name, b.name),
    );
    // Counted over every object, as the scanner counts a policy's results.
    const summary = summariseWorkloads(workloads);
    for (const r of resources)
      for (const [id, c] of Object.entries(r.controls)) {
        summary.controls[id] ??= emptyCounts();
        summary.controls[id][c.status]++;
      }
    const namespaces: NamespaceSummary[] = [...nsIndex.entries()]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([name, e]) => ({
        name,
        networkPolicies: e.networkPolicies,
        defaultDenyIngress: false,
        defaultDenyEgress: false,
        pdbs: e.pdbs,
      }));
    const objectCounts: Record<string, number> = {};
    for (const k of [...objects.keys()].sort()) objectCounts[k] = objects.get(k) ?? 0;
    const result: ScanResult = {
      schemaVersion: SCHEMA_VERSION,
      scanner: { name: "rampart", version: SCANNER_VERSION },
      generatedAt: this.options.now.toISOString(),
      workloads,
      namespaces,
      objects: objectCounts,
      errors: [],
      notes: this.notes.map((message) => ({ file: this.importFile, document: 0, message })),
      ...(resources.length > 0 ? { resources } : {}),
      summary,
    };
    const otherFindings = [...this.other].sort(
      (a, b) =>
        compareStrings(a.namespace ?? "", b.namespace ?? "") ||
        compareStrings(a.kind ?? "", b.kind ?? "") ||
        compareStrings(a.name ?? "", b.name ?? "") ||
        compareStrings(a.checkId, b.checkId) ||
        compareStrings(a.message, b.message),
    );
    const controls = [...this.toolControls.values()].sort((a, b) => compareStrings(a.id, b.id));
    return { result, otherFindings, controls };
  }
}
