import "server-only";
import { phaseSummary } from "@/lib/program";
import type { Actor } from "./actor";
import { loadProgram } from "./find-program-figures";
import { requireProject } from "./require-project";

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The program's phases in date order, each with its status by date and its periods, and the id of the phase
 * current by date (null without a roadmap): what a page needs to offer the other phases' periods.
 */
export async function findPhases(actor: Actor, projectSlug: string, now = new Date()) {
  const access = await requireProject(actor, projectSlug, "read");
  const program = await loadProgram(access.id, now);
  const today = isoDay(now);
  return {
    current: program.phase?.id ?? null,
    phases: program.phases.map((p) => ({
      ...phaseSummary(p, today),
      periods: p.weeks.map((w) => ({ id: w.id, label: w.label, title: w.title, start: w.start, end: w.end })),
    })),
  };
}
