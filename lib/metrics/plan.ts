/** The plan side of the figures: planned windows from the phase's week numbering, and the share due by a date. */
import { daysBetween, weekEnd, weekStart } from "@/lib/program";

/** Inclusive date range, YYYY-MM-DD. */
export type PlanWindow = { start: string; end: string };

export type PlanPhase = {
  start: string;
  end: string;
  workStreams?: readonly { id: string; weeks: { from: number; to: number } }[];
};

/** UTC calendar date of a date or date-time. */
export function toIsoDate(value: Date | string): string {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Date(value).toISOString().slice(0, 10);
}

/** A work stream's planned window (its weeks, capped at the phase's end); the whole phase when it has none. */
export function workStreamWindow(phase: PlanPhase, workStreamId: string | undefined): PlanWindow {
  const ws = workStreamId ? phase.workStreams?.find((s) => s.id === workStreamId) : undefined;
  if (!ws) return { start: phase.start, end: phase.end };
  const end = weekEnd(phase.start, ws.weeks.to);
  return {
    start: weekStart(phase.start, ws.weeks.from),
    end: daysBetween(end, phase.end) < 0 ? phase.end : end,
  };
}

/**
 * Share of the window's work that a linear plan has done by the end of `asOf`'s day: 0 before the window,
 * 1 from its last day on, (days elapsed, inclusive) / (window days) in between.
 */
export function plannedShare(window: PlanWindow, asOf: Date | string): number {
  const total = daysBetween(window.start, window.end) + 1;
  if (total <= 0) return 1;
  const elapsed = daysBetween(window.start, toIsoDate(asOf)) + 1;
  return Math.min(1, Math.max(0, elapsed / total));
}

/** Where actual progress stands against a plan: the same words in every table, chart and report. */
export type PlanStatus = "complete" | "on-track" | "behind" | "not-started";

/**
 * `progress` (0..1) against `due` (plannedShare of the window): complete at 1; behind once the window is over and
 * work remains, or below the share due; not started while nothing is done (and the window is still open).
 */
export function planStatus(progress: number, due: number): PlanStatus {
  if (progress >= 1) return "complete";
  if (due >= 1) return "behind";
  if (progress === 0) return "not-started";
  return progress >= due ? "on-track" : "behind";
}
