import { CONTROL_DEFINITIONS } from "../controls/index.ts";
import type { Features, ScanResult, WorkloadResult } from "../schema.ts";
import { VAP_CONTROL_PREFIX } from "../vap/collect.ts";

export const CONTROL_ORDER = CONTROL_DEFINITIONS.map((c) => c.id);

/** Badges like the hardening reports: "runAsNonRoot (1000), read-only FS, capabilities dropped, ...". */
export function featureBadges(f: Features): string[] {
  const out: string[] = [];
  if (f.runAsNonRoot) out.push(f.runAsUser !== undefined ? `runAsNonRoot (${f.runAsUser})` : "runAsNonRoot");
  else if (f.runAsUser !== undefined) out.push(`runAsUser ${f.runAsUser}`);
  if (f.readOnlyRootFilesystem) out.push("read-only FS");
  if (f.capabilitiesDropped)
    out.push(
      f.addedCapabilities.length
        ? `capabilities minimal (${f.addedCapabilities.join(", ")})`
        : "capabilities dropped",
    );
  else if (f.addedCapabilities.length) out.push(`capabilities added (${f.addedCapabilities.join(", ")})`);
  if (f.seccomp === "RuntimeDefault" || f.seccomp === "Localhost") out.push("seccomp");
  if (f.tempVolumes) out.push("temp volumes");
  if (f.dataVolumes) out.push("data PVC");
  if (f.hostPath) out.push("hostPath");
  if (f.initContainersSecured) out.push("init containers secured");
  return out;
}

/** Failing built-in controls in catalog order, then failing policy controls (vap:*) by name. */
export function failingControls(w: Pick<WorkloadResult, "controls">): string[] {
  return [
    ...CONTROL_ORDER.filter((id) => w.controls[id]?.status === "fail"),
    ...Object.keys(w.controls)
      .filter((id) => id.startsWith(VAP_CONTROL_PREFIX) && w.controls[id].status === "fail")
      .sort(),
  ];
}

/** The evaluated policy controls of a scan (vap:<name>), in name order; unbound policies have none. */
export function policyControlIds(result: ScanResult): string[] {
  return evaluatedPolicies(result).map((p) => VAP_CONTROL_PREFIX + p.name);
}

export function evaluatedPolicies(result: ScanResult) {
  return (result.policies ?? []).filter((p) => !p.notEvaluated);
}

/** Policies listed without results (no binding), for the outputs' warnings. */
export function policiesNotEvaluated(result: ScanResult) {
  return (result.policies ?? []).filter((p) => p.notEvaluated);
}

export function workloadId(w: WorkloadResult): string {
  return `${w.namespace}/${w.kind}/${w.name}`;
}

/** Share of applicable results that pass or are waived: (pass + waived) / (pass + fail + waived). */
export function applicableRate(c: { pass: number; fail: number; waived: number }): number | null {
  const d = c.pass + c.fail + c.waived;
  return d === 0 ? null : (c.pass + c.waived) / d;
}

export function percent(r: number | null): string {
  return r === null ? "-" : `${Math.round(r * 100)}%`;
}

export function groupByCategory(result: ScanResult): [string, WorkloadResult[]][] {
  const m = new Map<string, WorkloadResult[]>();
  for (const w of result.workloads) {
    const list = m.get(w.category) ?? [];
    list.push(w);
    m.set(w.category, list);
  }
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
