import "server-only";
import { phaseSummary } from "@/lib/program";
import type { Actor } from "./actor";
import { cachePromises } from "./cache-promises";
import { loadProgram } from "./find-program-figures";
import { derivedKey, readProgramVersions } from "./program-versions";
import { requireProject } from "./require-project";

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

async function computePhases(projectId: string, now: Date) {
  const program = await loadProgram(projectId, now);
  const today = isoDay(now);
  return {
    current: program.phase?.id ?? null,
    phases: program.phases.map((p) => ({
      ...phaseSummary(p, today),
      periods: p.weeks.map((w) => ({ id: w.id, label: w.label, title: w.title, start: w.start, end: w.end })),
    })),
  };
}

/**
 * Phase lists by derivedKey and day: a function of the program's rows (program version), the latest scan's day (the
 * scans digest) and today. Never mutated.
 */
const cachedPhases = cachePromises<Awaited<ReturnType<typeof computePhases>>>(32);

/**
 * The program's phases in date order, each with its status by date and its periods, and the id of the phase
 * current by date (null without a roadmap): what a page needs to offer the other phases' periods.
 */
export async function findPhases(actor: Actor, projectSlug: string, now = new Date()) {
  const access = await requireProject(actor, projectSlug, "read");
  const versions = await readProgramVersions(access.id);
  return cachedPhases(derivedKey(access.id, versions, ["phases", isoDay(now)]), () =>
    computePhases(access.id, now),
  );
}
