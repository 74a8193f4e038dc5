/**
 * "Before → after" rates of chosen controls between two scans ("runAsNonRoot: 63% → 100%").
 *
 * The rate is the hardening table's achieved / target: pass / (pass + fail), with waived components outside the
 * target as documented exceptions and n/a outside the denominator (enforcedRate, i.e. passRate over counts with
 * waivers set aside). So the same control shows the same percentage in the table and here. `metRate` is the
 * scanner's "where applicable" rate, where waived counts as met ((pass + waived) / (pass + waived + fail)).
 */
import type { StatusCounts } from "@/lib/scanner";
import { countStatuses } from "./components.ts";
import { formatPercent } from "./format.ts";
import { enforcedRate, passRate } from "./pass-rate.ts";
import type { MetricScan } from "./types.ts";

export type ControlRate = {
  control: string;
  pass: number;
  fail: number;
  waived: number;
  notApplicable: number;
  /** pass + fail: the components the control is enforced on (the table's target). */
  target: number;
  /** pass / (pass + fail); null when nothing is in scope. */
  rate: number | null;
  /** (pass + waived) / (pass + waived + fail): waived counts as met. */
  metRate: number | null;
};

export type QualityChange = {
  control: string;
  label: string;
  /** Null when there is no "before" scan. */
  before: ControlRate | null;
  after: ControlRate | null;
  /** after.rate − before.rate; null when either is unknown. */
  delta: number | null;
  /** "runAsNonRoot: 63% → 100%". */
  summary: string;
};

export function controlRate(scan: MetricScan, control: string): ControlRate {
  return rateOfCounts(control, countStatuses(scan, control));
}

/** A control's rates from its status counts (a scan's stored summary holds them as recorded at ingest). */
export function rateOfCounts(control: string, counts: StatusCounts): ControlRate {
  return {
    control,
    pass: counts.pass,
    fail: counts.fail,
    waived: counts.waived,
    notApplicable: counts["n/a"],
    target: counts.pass + counts.fail,
    rate: enforcedRate(counts),
    metRate: passRate(counts),
  };
}

export type QualityControl = string | { control: string; label?: string };

export function compareControlRates(
  before: MetricScan | null | undefined,
  after: MetricScan | null | undefined,
  controls: readonly QualityControl[],
): QualityChange[] {
  return controls.map((c) => {
    const control = typeof c === "string" ? c : c.control;
    const label = (typeof c === "string" ? undefined : c.label) ?? control;
    const b = before ? controlRate(before, control) : null;
    const a = after ? controlRate(after, control) : null;
    const delta = b?.rate != null && a?.rate != null ? a.rate - b.rate : null;
    return {
      control,
      label,
      before: b,
      after: a,
      delta,
      summary: `${label}: ${formatPercent(b?.rate)} → ${formatPercent(a?.rate)}`,
    };
  });
}
