/** Which phase of a program is current, and where a phase stands, by calendar date (YYYY-MM-DD, UTC). */
import { daysBetween } from "./dates.ts";

type Dated = { start: string; end: string };

export type PhaseStatus = "done" | "current" | "planned";

/** A phase is done after its last day, planned before its first, current in between. */
export function phaseStatus(phase: Dated, today: string): PhaseStatus {
  if (daysBetween(phase.end, today) > 0) return "done";
  if (daysBetween(today, phase.start) > 0) return "planned";
  return "current";
}

/** A phase as a phase selector lists it: its identity, dates and status by date. */
export function phaseSummary(
  phase: Dated & { id: string; name: string; number?: number },
  today: string,
): { id: string; name: string; number?: number; start: string; end: string; status: PhaseStatus } {
  return {
    id: phase.id,
    name: phase.name,
    ...(phase.number !== undefined ? { number: phase.number } : {}),
    start: phase.start,
    end: phase.end,
    status: phaseStatus(phase, today),
  };
}

/**
 * The phase current by date: the one `today` falls in. Between phases or after the last one, the latest phase that
 * has started and holds the program's latest activity (`lastActivity`, e.g. its newest scan's day), else the latest
 * phase that has started; before the first phase, the first. Phases are in date order (the schema checks it).
 */
export function currentPhase<P extends Dated>(
  phases: readonly P[],
  today: string,
  lastActivity?: string | null,
): P | undefined {
  const containing = phases.find((p) => phaseStatus(p, today) === "current");
  if (containing) return containing;
  const started = phases.filter((p) => daysBetween(p.start, today) >= 0);
  const active = lastActivity
    ? started.findLast(
        (p) => daysBetween(p.start, lastActivity) >= 0 && daysBetween(lastActivity, p.end) >= 0,
      )
    : undefined;
  return active ?? started.at(-1) ?? phases[0];
}
