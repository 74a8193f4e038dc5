/**
 * Burn-up: hardened components per scan beside a linear plan.
 *
 * - Hardened = meets every listed control (pass, or waived: a documented exception counts as met; see
 *   components.ts); components none of the controls applies to are left out of `inScope`.
 * - Scans are put in time order (takenAt). `total` is the in-scope count of the latest scan: the plan's goal.
 * - Plan: linear from `baseline` at the start of the window's first day to `total` at the end of its last day
 *   (flat before and after). `baseline` is 0 by default, or the first scan's hardened count ("first-scan"). The
 *   window is the work stream's planned weeks, so the plan reaches the target at the stream's planned end.
 * - Status (with `asOf`): the latest scan's share of `total` against the plan's share due by `asOf` (planStatus).
 */
import { type ControlsCheck, checkControls } from "./components.ts";
import { type PlanStatus, type PlanWindow, plannedShare, planStatus } from "./plan.ts";
import type { DatedMetricScan } from "./types.ts";

export type BurnUpPoint = {
  takenAt: string;
  hardened: number;
  inScope: number;
  /** hardened / inScope; null when nothing is in scope. */
  ratio: number | null;
  /** The plan's value at takenAt (raw, fractional). */
  planned: number;
};

export type BurnUp = {
  controls: string[];
  /** In-scope components of the latest scan: where the plan ends. */
  total: number;
  baseline: number;
  points: BurnUpPoint[];
  /** The plan line's two ends (ISO date-times). */
  plan: [{ at: string; value: number }, { at: string; value: number }];
  /** With `asOf`: where the latest scan stands against the plan then (the share due, and the status). */
  status?: { asOf: string; due: number; status: PlanStatus };
};

export type BurnUpOptions = {
  controls: readonly string[];
  /** Usually the phase's dates (or a work stream's planned window). */
  window: PlanWindow;
  baseline?: number | "first-scan";
  /** Judge the latest scan against the plan at this date. */
  asOf?: Date | string;
};

const time = (t: Date | string) => new Date(t).getTime();

/** One scan as the burn-up reads it: when it was taken, and checkControls(scan, options.controls) of it. */
export type BurnUpCheck = {
  takenAt: Date | string;
  check: Pick<ControlsCheck, "met" | "inScope" | "ratio">;
};

export function computeBurnUp(scans: readonly DatedMetricScan[], options: BurnUpOptions): BurnUp {
  return burnUpFromChecks(
    scans.map((scan) => ({ takenAt: scan.takenAt, check: checkControls(scan, options.controls) })),
    options,
  );
}

/** computeBurnUp from checks computed beforehand: a caller that keeps each stored scan's check reads no scan. */
export function burnUpFromChecks(scans: readonly BurnUpCheck[], options: BurnUpOptions): BurnUp {
  const checks = scans
    .map(({ takenAt, check }, i) => ({ check, i, t: time(takenAt) }))
    .sort((a, b) => a.t - b.t || a.i - b.i);
  const total = checks.length ? checks[checks.length - 1].check.inScope : 0;
  const baseline = options.baseline === "first-scan" ? (checks[0]?.check.met ?? 0) : (options.baseline ?? 0);
  const start = Date.parse(`${options.window.start}T00:00:00Z`);
  const end = Date.parse(`${options.window.end}T00:00:00Z`) + 86_400_000;
  const plannedAt = (t: number) => {
    if (end <= start) return total;
    const share = Math.min(1, Math.max(0, (t - start) / (end - start)));
    return baseline + (total - baseline) * share;
  };
  const last = checks.at(-1)?.check;
  let status: BurnUp["status"];
  if (options.asOf !== undefined && last) {
    const due = plannedShare(options.window, options.asOf);
    const progress = total === 0 ? 1 : last.met / total;
    status = { asOf: new Date(options.asOf).toISOString(), due, status: planStatus(progress, due) };
  }
  return {
    controls: [...options.controls],
    total,
    baseline,
    points: checks.map(({ t, check }) => ({
      takenAt: new Date(t).toISOString(),
      hardened: check.met,
      inScope: check.inScope,
      ratio: check.ratio,
      planned: plannedAt(t),
    })),
    plan: [
      { at: new Date(start).toISOString(), value: baseline },
      { at: new Date(end).toISOString(), value: total },
    ],
    ...(status ? { status } : {}),
  };
}
