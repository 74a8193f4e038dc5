/**
 * The "Kubernetes Hardening" table: one row per program metric (program.yaml `metrics`), from the latest scan of
 * the metric's environment.
 *
 * Semantics:
 * - `components-count`: achieved = number of components (workloads) in the environment's scan; target = the same
 *   number for "all-applicable", or the given number.
 * - `control`: achieved = components that *pass* the control. "all-applicable" target = components the control
 *   applies to (not n/a) minus the waived ones; waived components are listed as exceptions noted
 *   ("runAsNonRoot Enforced 19/19, 1 exception: promtail"). n/a components are counted in `notApplicable`: a
 *   pattern that does not require a control makes it n/a, so "Read-only root FS where the pattern requires it"
 *   follows from n/a. A numeric target is used as given (achieved still counts passing components only).
 * - ratio = achieved / target (raw, may exceed 1 with a numeric target); null when the target is 0.
 * - status: `complete` when achieved ≥ target; otherwise, given a plan (phase + as-of date, which defaults to the
 *   scan's takenAt), `behind` once the metric's work stream's planned window is over, `not-started` when nothing is
 *   achieved yet, `on-track` when the ratio is at least the linear plan's share of the window, else `behind`.
 *   Without a plan, partial progress is `on-track`. No scan of the environment: `not-started`.
 */
import type { Metric } from "@/lib/program";
import { componentNamer, countStatuses, objectsFor, refOf } from "./components.ts";
import { formatPercent, joinList, plural } from "./format.ts";
import { type PlanPhase, type PlanStatus, plannedShare, planStatus, workStreamWindow } from "./plan.ts";
import type { ComponentRef, EnvironmentScans } from "./types.ts";

export type HardeningMetricStatus = PlanStatus;

export type WaivedComponent = { component: string; ref: ComponentRef; justification: string };

export type HardeningMetricRow = {
  id: string;
  label: string;
  kind: Metric["kind"];
  /** The control (kind "control"). */
  control?: string;
  environment: string;
  workStream?: string;
  /** Whether the target was derived from the scan ("all-applicable") or given as a number. */
  targetSource: "all-applicable" | "fixed";
  target: number;
  achieved: number;
  /** achieved / target, raw; null when the target is 0. Round only for display (formatPercent). */
  ratio: number | null;
  status: HardeningMetricStatus;
  /** Exceptions noted: components the control is waived on (outside an "all-applicable" target). */
  waived: WaivedComponent[];
  /** Components the control does not apply to (kind "control"). */
  notApplicable: number;
  /** Components failing the control. */
  failing: ComponentRef[];
  /** False when the environment has no scan yet. */
  scanned: boolean;
  note: string;
};

export type HardeningMetricsOptions = {
  /** The phase the metrics belong to: its dates and work streams give each row's planned window. */
  phase?: PlanPhase;
  /** Date the status is judged at; defaults to the scan's takenAt. */
  asOf?: Date | string;
};

function statusFor(
  achieved: number,
  target: number,
  ratio: number | null,
  window: { start: string; end: string } | undefined,
  asOf: Date | string | undefined,
): HardeningMetricStatus {
  if (achieved >= target) return "complete";
  if (window && asOf !== undefined) return planStatus(ratio ?? 0, plannedShare(window, asOf));
  return achieved === 0 ? "not-started" : "on-track";
}

export function computeHardeningMetric(
  metric: Metric,
  scans: EnvironmentScans,
  options: HardeningMetricsOptions = {},
): HardeningMetricRow {
  const scan = scans[metric.environment] ?? undefined;
  const fixedTarget = typeof metric.target === "number" ? metric.target : undefined;
  const base = {
    id: metric.id,
    label: metric.label,
    kind: metric.kind,
    ...(metric.kind === "control" ? { control: metric.control } : {}),
    environment: metric.environment,
    ...(metric.workStream !== undefined ? { workStream: metric.workStream } : {}),
    targetSource: fixedTarget === undefined ? ("all-applicable" as const) : ("fixed" as const),
  };
  if (!scan) {
    return {
      ...base,
      target: fixedTarget ?? 0,
      achieved: 0,
      ratio: null,
      status: "not-started",
      waived: [],
      notApplicable: 0,
      failing: [],
      scanned: false,
      note: `No scan of ${metric.environment} yet`,
    };
  }
  const window = options.phase ? workStreamWindow(options.phase, metric.workStream) : undefined;
  const asOf = options.asOf ?? scan.takenAt;

  if (metric.kind === "components-count") {
    const achieved = scan.workloads.length;
    const target = fixedTarget ?? achieved;
    const ratio = target === 0 ? null : achieved / target;
    return {
      ...base,
      target,
      achieved,
      ratio,
      status: statusFor(achieved, target, ratio, window, asOf),
      waived: [],
      notApplicable: 0,
      failing: [],
      scanned: true,
      note:
        achieved === 0
          ? `No components in the ${metric.environment} scan`
          : `${plural(achieved, "component")} in ${metric.environment}`,
    };
  }

  const name = componentNamer(scan);
  const counts = countStatuses(scan, metric.control);
  const waived: WaivedComponent[] = [];
  const failing: ComponentRef[] = [];
  for (const w of objectsFor(scan, [metric.control])) {
    const result = w.controls[metric.control];
    if (result?.status === "waived") {
      waived.push({
        component: name(w),
        ref: refOf(w),
        justification: result.exception?.justification ?? "",
      });
    } else if (result?.status === "fail") failing.push(refOf(w));
  }
  const achieved = counts.pass;
  const target = fixedTarget ?? counts.pass + counts.fail;
  const ratio = target === 0 ? null : achieved / target;

  const notes: string[] = [];
  if (waived.length > 0) {
    notes.push(`${plural(waived.length, "exception")}: ${joinList(waived.map((w) => w.component))}`);
  }
  if (counts["n/a"] > 0) notes.push(`not required for ${plural(counts["n/a"], "component")} (n/a)`);
  if (fixedTarget === undefined && target === 0) notes.push("applies to no component");
  if (failing.length > 0) notes.push(`${failing.length} failing`);
  if (fixedTarget !== undefined) notes.push(`fixed target ${fixedTarget} (${formatPercent(ratio)})`);

  return {
    ...base,
    target,
    achieved,
    ratio,
    status: statusFor(achieved, target, ratio, window, asOf),
    waived,
    notApplicable: counts["n/a"],
    failing,
    scanned: true,
    note: notes.join("; "),
  };
}

/** The table, in the program's order. */
export function computeHardeningMetrics(
  metrics: readonly Metric[],
  scans: EnvironmentScans,
  options: HardeningMetricsOptions = {},
): HardeningMetricRow[] {
  return metrics.map((m) => computeHardeningMetric(m, scans, options));
}
