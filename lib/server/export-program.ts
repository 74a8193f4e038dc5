import "server-only";
import type { DoneState, Phase, ProgramDefinition } from "@/lib/program";
import type { Actor } from "./actor";
import { loadProgram } from "./find-program-figures";
import { requireProject } from "./require-project";

type Recorded = Readonly<Record<string, DoneState | boolean | null | undefined>> | undefined;

const tick = (recorded: Recorded, id: string) => {
  const s = recorded?.[id];
  return s && typeof s === "object" ? s : undefined;
};

/** Optional text the file leaves out when empty (the database stores "" for "none"). */
const text = <K extends string>(key: K, value: string | undefined) =>
  (value ? { [key]: value } : {}) as Partial<Record<K, string>>;

function exportPhase(phase: Phase, state: Awaited<ReturnType<typeof loadProgram>>["state"]): Phase {
  const criterion = (c: Phase["exitCriteria"][number]): Phase["exitCriteria"][number] => {
    if (c.rule.type !== "manual") return c;
    const met = tick(state.criteria, c.id);
    return { ...c, rule: { type: "manual", ...(met ? { met } : {}) } };
  };
  return {
    id: phase.id,
    ...(phase.number !== undefined ? { number: phase.number } : {}),
    name: phase.name,
    ...text("goal", phase.goal),
    start: phase.start,
    end: phase.end,
    weeks: phase.weeks.map((w) => {
      const notes = { ...text("keyLearnings", w.notes?.keyLearnings), ...text("handoff", w.notes?.handoff) };
      return {
        id: w.id,
        label: w.label,
        title: w.title,
        from: w.from,
        to: w.to,
        start: w.start,
        end: w.end,
        goals: w.goals,
        exitCriteria: w.exitCriteria.map(criterion),
        ...(Object.keys(notes).length ? { notes } : {}),
      };
    }),
    workStreams: phase.workStreams.map((s) => ({
      id: s.id,
      name: s.name,
      ...text("description", s.description),
      weeks: s.weeks,
      weight: s.weight,
      progress: s.progress,
    })),
    milestones: phase.milestones.map((m) => {
      const done = tick(state.milestones, m.id);
      return { ...m, ...(done ? { done } : {}) };
    }),
    exitCriteria: phase.exitCriteria.map(criterion),
    metrics: phase.metrics,
  };
}

/**
 * The project's program file as it stands: every phase with its periods, work streams, milestones (those added in
 * the app too), exit criteria and metrics, and the manual state recorded since (ticks with their done-on day, who and
 * when; period notes). Importing it (applyProgram) gives the same program. Readers of the project may export it.
 */
export async function exportProgram(actor: Actor, projectSlug: string): Promise<ProgramDefinition> {
  const access = await requireProject(actor, projectSlug, "read");
  const program = await loadProgram(access.id);
  return {
    apiVersion: "rampart.io/v1",
    kind: "Program",
    project: {
      slug: program.project.slug,
      name: program.project.name,
      ...text("description", program.project.description),
    },
    environments: program.environments.map((e) => ({ name: e.name, ...text("description", e.description) })),
    maturity: program.maturity,
    phases: program.phases.map((p) => exportPhase(p, program.state)),
  };
}
