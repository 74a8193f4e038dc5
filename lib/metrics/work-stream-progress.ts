/**
 * Work-stream progress (0..1) and the phase's overall progress.
 *
 * - `scan` source: share of the environment's components that meet every listed control (pass, or waived: a
 *   documented exception counts as met; components none of the controls applies to are left out; see
 *   components.ts). No scan of the environment yet: 0.
 * - `milestones` source: done / total milestones of the work stream (done per the program file, overridden by
 *   recorded state).
 * - Overall phase progress: Σ weight × progress / Σ weight over the phase's work streams.
 * - Plan (given a date): each work stream's own planned window (its weeks), so a stream due in week 3 is judged
 *   against a plan that reaches 100% at the end of week 3, not at the end of the phase.
 */
import type { Milestone, Phase, WorkStream } from "@/lib/program";
import { checkControls } from "./components.ts";
import { formatPercent, joinList } from "./format.ts";
import { type PlanStatus, type PlanWindow, plannedShare, planStatus, workStreamWindow } from "./plan.ts";
import { milestoneDone } from "./state.ts";
import type { EnvironmentScans, ProgramState } from "./types.ts";

export type WorkStreamProgress = {
  id: string;
  name: string;
  weight: number;
  source: "scan" | "milestones";
  /** 0..1, raw. */
  progress: number;
  /** What the figure is computed from, e.g. "from scan data: 9 of 20 production components pass network-policy". */
  label: string;
  /** Numerator and denominator behind `progress` (components or milestones). */
  done: number;
  total: number;
  /** Scan source: its environment and controls; false `scanned` when the environment has no scan yet. */
  environment?: string;
  controls?: string[];
  scanned?: boolean;
  /** With a date to judge at: the stream's planned window, the share due by then, and where progress stands. */
  plan?: { window: PlanWindow; due: number; status: PlanStatus };
};

export type PhaseProgress = {
  workStreams: WorkStreamProgress[];
  /** Σ weight × progress / Σ weight, raw 0..1. */
  overall: number;
  totalWeight: number;
  /** "Weighted by work stream: (3 × 100% + 1 × 0% + …) / 10 = 30%". */
  explanation: string;
};

export type ProgressContext = {
  scans: EnvironmentScans;
  /** The phase's milestones (milestone-tracked work streams). */
  milestones: readonly Milestone[];
  state?: ProgramState;
  /** The phase's dates and the date to judge each stream's plan at (no plan without them). */
  plan?: { phase: { start: string; end: string }; asOf: Date | string };
};

function withPlan(ws: WorkStream, p: WorkStreamProgress, ctx: ProgressContext): WorkStreamProgress {
  if (!ctx.plan) return p;
  const window = workStreamWindow({ ...ctx.plan.phase, workStreams: [ws] }, ws.id);
  const due = plannedShare(window, ctx.plan.asOf);
  return { ...p, plan: { window, due, status: planStatus(p.progress, due) } };
}

export function computeWorkStreamProgress(ws: WorkStream, ctx: ProgressContext): WorkStreamProgress {
  return withPlan(ws, measure(ws, ctx), ctx);
}

function measure(ws: WorkStream, ctx: ProgressContext): WorkStreamProgress {
  const base = { id: ws.id, name: ws.name, weight: ws.weight };
  if (ws.progress.type === "milestones") {
    const own = ctx.milestones.filter((m) => m.workStream === ws.id);
    const done = own.filter((m) => milestoneDone(m, ctx.state).done).length;
    return {
      ...base,
      source: "milestones",
      progress: own.length === 0 ? 0 : done / own.length,
      label: `from milestones: ${done} of ${own.length} done`,
      done,
      total: own.length,
    };
  }
  const { environment, controls } = ws.progress;
  const scan = ctx.scans[environment];
  const scanBase = { ...base, source: "scan" as const, environment, controls: [...controls] };
  if (!scan) {
    return {
      ...scanBase,
      progress: 0,
      label: `from scan data: no scan of ${environment} yet`,
      done: 0,
      total: 0,
      scanned: false,
    };
  }
  const check = checkControls(scan, controls);
  return {
    ...scanBase,
    progress: check.ratio ?? 0,
    label:
      check.inScope === 0
        ? `from scan data: ${joinList(controls)} applies to no ${environment} component`
        : `from scan data: ${check.met} of ${check.inScope} ${environment} components pass ${joinList(controls)}`,
    done: check.met,
    total: check.inScope,
    scanned: true,
  };
}

export function computePhaseProgress(
  phase: Pick<Phase, "workStreams" | "milestones" | "name"> & Partial<Pick<Phase, "start" | "end">>,
  scans: EnvironmentScans,
  state?: ProgramState,
  /** Judge each stream against its own plan at this date (needs the phase's dates). */
  asOf?: Date | string,
): PhaseProgress {
  const plan =
    asOf !== undefined && phase.start && phase.end
      ? { phase: { start: phase.start, end: phase.end }, asOf }
      : undefined;
  const ctx: ProgressContext = { scans, milestones: phase.milestones, state, plan };
  const workStreams = phase.workStreams.map((ws) => computeWorkStreamProgress(ws, ctx));
  const totalWeight = workStreams.reduce((s, w) => s + w.weight, 0);
  const overall =
    totalWeight === 0 ? 0 : workStreams.reduce((s, w) => s + w.weight * w.progress, 0) / totalWeight;
  const terms = workStreams.map((w) => `${w.weight} × ${formatPercent(w.progress)}`).join(" + ");
  return {
    workStreams,
    overall,
    totalWeight,
    explanation: `${phase.name} progress, weighted by work stream: (${terms}) / ${totalWeight} = ${formatPercent(overall)}`,
  };
}
