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
};

export function computePhaseFigures(
  program: Pick<ProgramDefinition, "maturity">,
  phase: Phase,
  scans: EnvironmentScans,
  options: PhaseFiguresOptions = {},
): PhaseFigures {
  const progress = computePhaseProgress(phase, scans, options.state);
  const maturity = computeMaturity(program.maturity, progress.overall, phase.name);
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
