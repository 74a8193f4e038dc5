/**
 * Per-component evaluation shared by every figure (one definition of "hardened", "applicable", "waived").
 *
 * - A control result that is missing (the tool did not evaluate it, e.g. a partial import) counts as `n/a`.
 * - A component is *in scope* for a list of controls when at least one of them applies to it (not n/a).
 * - It *meets* the list when every listed control is pass, waived (a documented exception counts as met) or n/a.
 */
import type { StatusCounts } from "@/lib/scanner";
import type {
  ComponentRef,
  MetricControlStatus,
  MetricResource,
  MetricScan,
  MetricWorkload,
} from "./types.ts";

export function statusOf(workload: MetricWorkload | MetricResource, control: string): MetricControlStatus {
  return workload.controls[control]?.status ?? "n/a";
}

/**
 * The objects figures of `controls` count: every workload, and the other objects (scan.resources) that carry a
 * result of at least one of them (a custom control, a policy's `vap:*` or a tool's own, applies to any object;
 * built-in controls to workloads only).
 */
export function objectsFor(
  scan: MetricScan,
  controls: readonly string[],
): readonly (MetricWorkload | MetricResource)[] {
  const resources = (scan.resources ?? []).filter((r) => controls.some((c) => r.controls[c] !== undefined));
  return resources.length === 0 ? scan.workloads : [...scan.workloads, ...resources];
}

/** Status counts of one control over the scan's components (computed from workloads, never from a stored summary). */
export function countStatuses(scan: MetricScan, control: string): StatusCounts {
  const counts: StatusCounts = { pass: 0, fail: 0, waived: 0, "n/a": 0 };
  for (const w of objectsFor(scan, [control])) counts[statusOf(w, control)]++;
  return counts;
}

export const refOf = ({ kind, namespace, name }: ComponentRef): ComponentRef => ({ kind, namespace, name });

/**
 * Display names for a scan's components: the bare name ("promtail") unless the same name occurs in more than
 * one namespace or kind of the scan, then "namespace/name" ("kind namespace/name" if still ambiguous). An object
 * that is not a workload always says its kind ("Service web/frontend", "Namespace web"): a Service is usually
 * named as the workload it serves.
 */
export function componentNamer(scan: MetricScan): (c: ComponentRef) => string {
  const byName = new Map<string, ComponentRef[]>();
  for (const w of scan.workloads) byName.set(w.name, [...(byName.get(w.name) ?? []), w]);
  const key = (c: ComponentRef) => `${c.kind}/${c.namespace}/${c.name}`;
  const resources = new Set((scan.resources ?? []).map(key));
  return (c) => {
    if (resources.has(key(c))) return `${c.kind} ${c.namespace ? `${c.namespace}/` : ""}${c.name}`;
    const same = byName.get(c.name) ?? [];
    if (same.length <= 1) return c.name;
    const sameNs = same.filter((o) => o.namespace === c.namespace);
    return sameNs.length <= 1 ? `${c.namespace}/${c.name}` : `${c.kind} ${c.namespace}/${c.name}`;
  };
}

export type FailingComponent = {
  component: ComponentRef;
  /** Display name (see componentNamer). */
  label: string;
  /** The listed controls it fails. */
  controls: string[];
};

export type ControlsCheck = {
  controls: string[];
  /** Components at least one listed control applies to. */
  inScope: number;
  /** In-scope components meeting every listed control (pass, waived or n/a). */
  met: number;
  /** Of those, components meeting only thanks to an exception on a listed control. */
  metByWaiver: number;
  failing: FailingComponent[];
  /** Components none of the controls applies to. */
  outOfScope: number;
  /** met / inScope; null when nothing is in scope. */
  ratio: number | null;
};

export function checkControls(scan: MetricScan, controls: readonly string[]): ControlsCheck {
  const name = componentNamer(scan);
  let inScope = 0;
  let met = 0;
  let metByWaiver = 0;
  const failing: FailingComponent[] = [];
  const objects = objectsFor(scan, controls);
  for (const w of objects) {
    const statuses = controls.map((c) => statusOf(w, c));
    if (statuses.every((s) => s === "n/a")) continue;
    inScope++;
    const failed = controls.filter((_, i) => statuses[i] === "fail");
    if (failed.length === 0) {
      met++;
      if (statuses.includes("waived")) metByWaiver++;
    } else failing.push({ component: refOf(w), label: name(w), controls: failed });
  }
  return {
    controls: [...controls],
    inScope,
    met,
    metByWaiver,
    failing,
    outOfScope: objects.length - inScope,
    ratio: inScope === 0 ? null : met / inScope,
  };
}
