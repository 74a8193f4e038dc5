/**
 * Current maturity, model "phase-progress": baseline + (target − baseline) × progress, where progress is the running
 * phase's for a single-phase program and the whole program's for several phases (work streams of every phase
 * weighted, finished phases as of their end, see phase-figures.ts). Shown with its explanation so the UI says how
 * it is computed.
 */
import type { ProgramDefinition } from "@/lib/program";
import { formatPercent } from "./format.ts";

export type MaturityResult = {
  /** Raw 0..1. */
  value: number;
  baseline: number;
  target: number;
  /** The progress used (0..1): the phase's, or the program's over several phases. */
  phaseProgress: number;
  model: "phase-progress";
  /** "65% baseline + (80% target − 65% baseline) × 30% Phase 2 progress = 69.5%". */
  explanation: string;
};

export function computeMaturity(
  maturity: Pick<ProgramDefinition["maturity"], "baseline" | "target" | "model">,
  phaseProgress: number,
  phaseName = "phase",
): MaturityResult {
  const progress = Math.min(1, Math.max(0, phaseProgress));
  const { baseline, target } = maturity;
  const value = baseline + (target - baseline) * progress;
  const pct = (r: number) => formatPercent(r, Number.isInteger(Math.round(r * 1000) / 10) ? 0 : 1);
  return {
    value,
    baseline,
    target,
    phaseProgress: progress,
    model: maturity.model,
    explanation: `${pct(baseline)} baseline + (${pct(target)} target − ${pct(baseline)} baseline) × ${pct(progress)} ${phaseName} progress = ${pct(value)}`,
  };
}
