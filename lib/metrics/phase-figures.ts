/**
 * Every figure of one phase at once, from the same scans and state: the hardening table, work-stream and overall
 * progress, maturity (from that progress) and exit criteria (using that maturity). The dashboard and the report
 * call this (or the functions it composes), so no figure can be computed two ways.
 */
import type { Phase, ProgramDefinition } from "@/lib/program";
import { type CriterionResult, evaluatePhaseExitCriteria, type PeriodCriteria } from "./exit-criteria.ts";
import { computeHardeningMetrics, type HardeningMetricRow } from "./hardening-metrics.ts";
import { computeMaturity, type MaturityResult } from "./maturity.ts";
import type { EnvironmentScans, ProgramState } from "./types.ts";
import { computePhaseProgress, type PhaseProgress } from "./work-stream-progress.ts";

export type PhaseFigures = {
  phaseId: string;
  metrics: HardeningMetricRow[];
  progress: PhaseProgress;
  maturity: MaturityResult;
  exitCriteria: { periods: PeriodCriteria[]; phase: CriterionResult[] };
};

export type PhaseFiguresOptions = {
  state?: ProgramState;
  /** Date metric statuses are judged at; defaults to each scan's takenAt. */
  asOf?: Date | string;
  /** Date each work stream is judged against its own plan at; default `asOf` (no plan status without either). */
  planAsOf?: Date | string;
};

/** Another phase of the program in the maturity's program progress: its work streams' total weight and progress. */
export type PhaseWeight = { phaseId: string; weight: number; progress: number };

/**
 * The program side of the figures. `otherPhases`: the program's other phases as of the same date (a finished
 * phase as of its end, a phase not started yet at 0); maturity then spans the whole program (baseline at its
 * start, target at its end). Without them (a single-phase program) it is the phase's own progress.
 */
export type ProgramForFigures = Pick<ProgramDefinition, "maturity"> & {
  otherPhases?: readonly PhaseWeight[];
};

/** Σ weight × progress / Σ weight over every phase's work streams: this phase's figure and the others'. */
export function programProgress(current: PhaseWeight, others: readonly PhaseWeight[]): number {
  const all = [current, ...others];
  const weight = all.reduce((s, p) => s + p.weight, 0);
  return weight === 0 ? 0 : all.reduce((s, p) => s + p.weight * p.progress, 0) / weight;
}

export function computePhaseFigures(
  program: ProgramForFigures,
  phase: Phase,
  scans: EnvironmentScans,
  options: PhaseFiguresOptions = {},
): PhaseFigures {
  const progress = computePhaseProgress(phase, scans, options.state, options.planAsOf ?? options.asOf);
  const others = program.otherPhases?.filter((p) => p.phaseId !== phase.id) ?? [];
  const maturity =
    others.length === 0
      ? computeMaturity(program.maturity, progress.overall, phase.name)
      : computeMaturity(
          program.maturity,
          programProgress(
            { phaseId: phase.id, weight: progress.totalWeight, progress: progress.overall },
            others,
          ),
          "program",
        );
  return {
    phaseId: phase.id,
    metrics: computeHardeningMetrics(phase.metrics, scans, {
      phase,
      ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    }),
    progress,
    maturity,
    exitCriteria: evaluatePhaseExitCriteria(phase, { scans, maturity: maturity.value, state: options.state }),
  };
}
