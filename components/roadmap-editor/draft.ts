/**
 * The roadmap editor's working copy: a program file (kind: Program) as plain data, edited in the browser and saved
 * through PUT …/program, the path a YAML import takes, so validation, messages and audit are the same. Pure.
 * No runtime import of the program schema (zod) here: this module is in the editor page's first-load JS; the
 * built-in control ids come from the server as `core`, and the schema check is validate.ts, loaded on demand.
 */
import { addDays, daysBetween, weekCount, weekEnd, weekStart } from "@/lib/program/dates";
import type { ProgramDefinitionInput } from "@/lib/program/program-schema";
import { formatPath } from "@/lib/scanner/format-zod-error";

export type Draft = ProgramDefinitionInput;
export type PhaseDraft = Draft["phases"][number];
export type PeriodDraft = PhaseDraft["weeks"][number];
export type CriterionDraft = NonNullable<PhaseDraft["exitCriteria"]>[number];
export type RuleDraft = CriterionDraft["rule"];
export type Path = (string | number)[];

export type ProjectInfo = {
  slug: string;
  name: string;
  description: string;
  environments: { name: string; description: string }[];
};

/** Field path → message, keyed like the server's errors (`phases[0].weeks[1].end`). */
export type Issues = Map<string, string>;

/** The built-in control ids (program-schema's CORE_CONTROL_IDS, passed down by the server page). */
export type CoreControls = readonly string[];

/** The workload controls a scan-based work stream starts with (NetworkPolicy and PDB coverage are added by hand). */
const podControls = (core: CoreControls) =>
  core.filter((c) => c !== "network-policy" && c !== "pod-disruption-budget");

/** Today's date (UTC) as YYYY-MM-DD. */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The first id `base`, `base-2`, `base-3`… not in `taken`. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Every id of the program's phases, periods, work streams, milestones, criteria and metrics. */
export function idsOf(draft: Draft): string[] {
  return draft.phases.flatMap((p) => [
    p.id,
    ...p.weeks.flatMap((w) => [w.id, ...(w.exitCriteria ?? []).map((c) => c.id)]),
    ...p.workStreams.map((s) => s.id),
    ...(p.milestones ?? []).map((m) => m.id),
    ...(p.exitCriteria ?? []).map((c) => c.id),
    ...(p.metrics ?? []).map((m) => (m as { id: string }).id),
  ]);
}

/** A period covering weeks `from`..`to` of the phase, with the dates that numbering gives it. */
export function newPeriod(draft: Draft, phase: PhaseDraft, from: number, to = from): PeriodDraft {
  const label = from === to ? `Week ${from}` : `Week ${from}-${to}`;
  return {
    id: uniqueId(`${phase.id}-week-${from}`, idsOf(draft)),
    label,
    title: label,
    from,
    to,
    ...periodDates(phase, from, to),
    goals: [],
    exitCriteria: [],
  };
}

/** A period's dates follow from its weeks: week n starts on phase start + 7(n-1); the last may end with the phase. */
export function periodDates(phase: { start: string; end: string }, from: number, to: number) {
  const end = weekEnd(phase.start, to);
  return {
    start: weekStart(phase.start, from),
    end: daysBetween(end, phase.end) < 0 ? phase.end : end,
  };
}

/**
 * A phase of `weeks` weeks starting on `start`: one period per week and one work stream whose progress comes from
 * the scans of the first environment (the workload controls), so that it is valid as it stands.
 */
export function newPhase(draft: Draft | null, start: string, core: CoreControls, weeks = 4): PhaseDraft {
  const number = (draft?.phases.length ?? 0) + 1;
  const taken = draft ? idsOf(draft) : [];
  const id = uniqueId(`phase-${number}`, taken);
  const phase: PhaseDraft = {
    id,
    number,
    name: `Phase ${number}`,
    goal: "",
    start,
    end: addDays(start, 7 * weeks - 1),
    weeks: [],
    workStreams: [
      {
        id: uniqueId(`${id}-hardening`, taken),
        name: "Workload hardening",
        weeks: { from: 1, to: weeks },
        weight: 1,
        progress: {
          type: "scan",
          controls: podControls(core),
          environment: draft?.environments[0]?.name ?? "production",
        },
      },
    ],
    milestones: [],
    exitCriteria: [],
    metrics: [],
  };
  const withPhase = draft ? { ...draft, phases: [...draft.phases, phase] } : null;
  for (let week = 1; week <= weeks; week++) {
    const period = newPeriod(withPhase ?? { ...emptyShell(), phases: [phase] }, phase, week);
    phase.weeks.push(period);
  }
  return phase;
}

function emptyShell(): Draft {
  return {
    apiVersion: "rampart.io/v1",
    kind: "Program",
    project: { slug: "", name: "" },
    environments: [],
    maturity: { baseline: 0, target: 1 },
    phases: [],
  };
}

/** The "Create roadmap" start: the program's own name and environments, one phase of four weeks from `start`. */
export function newProgramDraft(project: ProjectInfo, start: string, core: CoreControls): Draft {
  const draft: Draft = {
    ...emptyShell(),
    project: { slug: project.slug, name: project.name, description: project.description },
    environments: environmentsOf(project),
    maturity: { baseline: 0, target: 1 },
  };
  return { ...draft, phases: [newPhase(draft, start, core)] };
}

function environmentsOf(project: ProjectInfo): Draft["environments"] {
  const list = project.environments.length ? project.environments : [{ name: "production", description: "" }];
  return list.map((e) => (e.description ? { name: e.name, description: e.description } : { name: e.name }));
}

/**
 * A loaded program file brought up to date with the program's settings: its name and description, and every
 * environment of the program (Settings is where they are edited), keeping those only the file names.
 */
export function withProject(draft: Draft, project: ProjectInfo): Draft {
  const known = new Set(draft.environments.map((e) => e.name));
  return {
    ...draft,
    project: { slug: project.slug, name: project.name, description: project.description },
    environments: [...draft.environments, ...environmentsOf(project).filter((e) => !known.has(e.name))],
  };
}

/** What is saved: period dates derived from their weeks (the one way they can be right). */
export function toDocument(draft: Draft): Draft {
  return {
    ...draft,
    phases: draft.phases.map((phase) => ({
      ...phase,
      weeks: phase.weeks.map((w) => ({ ...w, ...periodDates(phase, w.from, w.to) })),
    })),
  };
}

/**
 * The issues of a PUT …/program refusal: one `program.yaml: <path>: <message>` line each (formatIssue), or a
 * `field` with its message (e.g. the file's slug). Lines that name no field are kept under "".
 */
export function issuesFromResponse(error: string, field?: string): Issues {
  const issues: Issues = new Map();
  for (const line of error.split("\n")) {
    const m = /^program\.yaml: ([^\s:]+): (.*)$/.exec(line);
    if (m && !m[1].startsWith("line")) issues.set(m[1], m[2]);
    else if (field && !issues.has(field)) issues.set(field, line.replace(`${field}: `, ""));
    else issues.set("", issues.has("") ? `${issues.get("")}\n${line}` : line);
  }
  return issues;
}

/** The number of weeks a phase spans (0 while its dates are wrong). */
export function phaseWeeks(phase: { start: string; end: string }): number {
  return daysBetween(phase.start, phase.end) >= 0 ? weekCount(phase.start, phase.end) : 0;
}

/** A copy of `value` with `path` set to `next` (arrays and objects along the path are copied, nothing mutated). */
export function setIn<T>(value: T, path: Path, next: unknown): T {
  if (path.length === 0) return next as T;
  const [key, ...rest] = path;
  const container = value as Record<string | number, unknown> | unknown[];
  const child = (container as Record<string | number, unknown>)[key];
  const updated = setIn(child, rest, next);
  if (Array.isArray(container)) return container.map((v, i) => (i === key ? updated : v)) as T;
  const copy = { ...(container as Record<string, unknown>) };
  if (updated === undefined) delete copy[key];
  else copy[key] = updated;
  return copy as T;
}

/** The value at `path`, or undefined. */
export function getIn(value: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (v, key) => (v === null || v === undefined ? undefined : (v as Record<string | number, unknown>)[key]),
    value,
  );
}

/** The field path as the server and the schema write it. */
export const pathKey = (path: Path): string => formatPath(path);

/**
 * Renames a work stream's id in its phase and in everything that refers to it (milestones, criteria, metrics), so
 * that renaming never breaks a reference.
 */
export function renameWorkStream(phase: PhaseDraft, from: string, to: string): PhaseDraft {
  const ref = <T extends { workStream?: string }>(item: T): T =>
    item.workStream === from ? { ...item, workStream: to } : item;
  return {
    ...phase,
    workStreams: phase.workStreams.map((s) => (s.id === from ? { ...s, id: to } : s)),
    milestones: (phase.milestones ?? []).map(ref),
    exitCriteria: (phase.exitCriteria ?? []).map(ref),
    weeks: phase.weeks.map((w) => ({ ...w, exitCriteria: (w.exitCriteria ?? []).map(ref) })),
    metrics: (phase.metrics ?? []).map((m) => ref(m as { workStream?: string })) as PhaseDraft["metrics"],
  };
}

/** Renames a milestone's id in its phase and in the `milestones-done` rules that list it. */
export function renameMilestone(phase: PhaseDraft, from: string, to: string): PhaseDraft {
  const rule = (c: CriterionDraft): CriterionDraft =>
    c.rule.type === "milestones-done" && c.rule.milestones.includes(from)
      ? { ...c, rule: { ...c.rule, milestones: c.rule.milestones.map((m) => (m === from ? to : m)) } }
      : c;
  return {
    ...phase,
    milestones: (phase.milestones ?? []).map((m) => (m.id === from ? { ...m, id: to } : m)),
    exitCriteria: (phase.exitCriteria ?? []).map(rule),
    weeks: phase.weeks.map((w) => ({ ...w, exitCriteria: (w.exitCriteria ?? []).map(rule) })),
  };
}

/**
 * The controls a rule, work stream or metric may name: the built-in ones, then the program's custom controls
 * (`vap:<policy>` of its policy set and scans) and any other control the draft already names, so none is lost.
 */
export function controlChoices(
  draft: Draft,
  core: CoreControls,
  custom: readonly string[],
): { value: string; label: string }[] {
  const named = draft.phases.flatMap((p) => [
    ...[...p.weeks.flatMap((w) => w.exitCriteria ?? []), ...(p.exitCriteria ?? [])].flatMap((c) =>
      "controls" in c.rule ? c.rule.controls : "control" in c.rule ? [c.rule.control] : [],
    ),
    ...p.workStreams.flatMap((s) => ("controls" in s.progress ? s.progress.controls : [])),
    ...(p.metrics ?? []).flatMap((m) => {
      const control = (m as { control?: unknown }).control;
      return typeof control === "string" ? [control] : [];
    }),
  ]);
  const builtIn = new Set(core);
  const others = [...new Set([...custom, ...named])].filter((c) => !builtIn.has(c)).sort();
  return [...core, ...others].map((c) => ({ value: c, label: c }));
}
