import "server-only";
import { computePhaseProgress, type PhaseWeight, stateAsOf } from "@/lib/metrics";
import { daysBetween, type Phase } from "@/lib/program";
import type { LoadedProgram } from "./find-program-figures";
import { loadLatestViews } from "./load-latest-views";

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The program's phases other than `phase` as the maturity weighs them at `asOf`: a phase not started by then at 0,
 * the others with their progress over the latest scans (and the ticks done) by the end of their last day or
 * `asOf`, whichever comes first. A single-phase program has none.
 */
export async function findPhaseWeights(
  projectId: string,
  program: Pick<LoadedProgram, "phases" | "environments" | "state">,
  phase: Pick<Phase, "id">,
  asOf: Date,
): Promise<PhaseWeight[]> {
  const today = isoDay(asOf);
  return Promise.all(
    program.phases
      .filter((p) => p.id !== phase.id)
      .map(async (p) => {
        const weight = p.workStreams.reduce((s, w) => s + w.weight, 0);
        if (daysBetween(p.start, today) < 0) return { phaseId: p.id, weight, progress: 0 };
        const lastDay = daysBetween(p.end, today) > 0 ? p.end : today;
        const cutoff = new Date(Date.parse(`${lastDay}T00:00:00Z`) + DAY);
        const at = cutoff < asOf ? cutoff : asOf;
        const scans = await loadLatestViews(projectId, program.environments, {
          before: at,
          exceptionsAt: at,
        });
        const progress = computePhaseProgress(p, scans, stateAsOf(program.state, lastDay));
        return { phaseId: p.id, weight, progress: progress.overall };
      }),
  );
}
