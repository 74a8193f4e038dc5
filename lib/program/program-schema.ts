/**
 * `kind: Program` — a hardening program's roadmap as project data (examples/maestro/program.yaml).
 *
 * Shape (see docs in examples/maestro/program.yaml):
 *   project, environments, maturity, phases[] → weeks[] (week ranges with dates), workStreams[],
 *   milestones[], exitCriteria[], metrics[].
 *
 * Phases: one or more, in date order and not overlapping (a single-phase file is the simplest program). The app
 * follows the phase current by date. Maturity spans the whole program (baseline at its start, target at its end).
 *
 * Week model: week numbers are 1-based and implicit in the phase dates (week n starts on
 * phase.start + 7(n-1)). `phases[].weeks[]` are the roadmap's periods ("Week 1", "Week 2-3", ...), each a
 * range `from`..`to` of week numbers with its dates, which must agree with that numbering. Work streams and
 * milestones refer to week numbers; exit criteria and notes belong to a period or to the phase.
 *
 * Every figure that the report shows is computed from scans; this file only holds plans, rules and
 * manual state.
 */
import { z } from "zod";
import { daysBetween, isIsoDate, isIsoDateOrDateTime, weekCount, weekEnd, weekStart } from "./dates.ts";
import { isToolControl } from "./tool-control-id.ts";

/** Hardening and coverage controls of the scanner; `pss-*` ids (Pod Security Standards checks) are also accepted. */
export const CORE_CONTROL_IDS = [
  "run-as-non-root",
  "capabilities-drop-all",
  "seccomp-profile",
  "read-only-root-filesystem",
  "no-privilege-escalation",
  "resource-limits",
  "network-policy",
  "pod-disruption-budget",
] as const;

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PSS_RE = /^pss-[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const idSchema = z
  .string()
  .regex(ID_RE, { message: "Must be lower-case letters, digits and single dashes (e.g. network-policies)" });

/**
 * A custom control: `vap:<policy-name>`, one ValidatingAdmissionPolicy of the program's policy set or of its scanned
 * manifests (the name is a Kubernetes object name).
 */
export const POLICY_CONTROL_RE = /^vap:[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/;

export const isPolicyControl = (id: string): boolean => POLICY_CONTROL_RE.test(id);

/**
 * A control that is not built in: a policy's `vap:<name>`, or a tool's own `<tool>:<policy>[/<rule>]` (a rule an
 * in-cluster engine reported that the mapping table does not know; grammar in tool-control-id.ts). Either applies
 * to any object, not only to workloads.
 */
export const isCustomControl = (id: string): boolean => isPolicyControl(id) || isToolControl(id);

export const controlIdSchema = z
  .string()
  .refine(
    (v) => (CORE_CONTROL_IDS as readonly string[]).includes(v) || PSS_RE.test(v) || isCustomControl(v),
    {
      message: `Unknown control (expected one of ${CORE_CONTROL_IDS.join(", ")}, pss-*, vap:<policy-name> or <tool>:<policy>[/<rule>])`,
    },
  );

export const dateSchema = z.string().refine(isIsoDate, { message: "Invalid date" });
export const dateTimeSchema = z.string().refine(isIsoDateOrDateTime, { message: "Invalid date" });

const text = z.string().trim().min(1, { message: "Must not be empty" });
const ratio = z.number().min(0).max(1);
const weekNumber = z.number().int().min(1);

/**
 * A manual tick (a milestone done, a manual criterion met): when the work was done (`on`), and who recorded it
 * when (`by`, `at`). Recorded in the program file or in the app (which may update it later). A period's report
 * counts a tick by its `on` day; files written before `on` existed count the day of `at`.
 */
export const doneStateSchema = z.strictObject({
  /** The day the work was done (YYYY-MM-DD): not after the day it was recorded, not before its phase starts. */
  on: dateSchema.optional(),
  /** When the tick was recorded. */
  at: dateTimeSchema,
  by: text,
  note: z.string().optional(),
});

// ---------------------------------------------------------------------------------------------------------
// Exit-criterion rules

export const manualRuleSchema = z.strictObject({
  type: z.literal("manual"),
  /** Initial state: already met. */
  met: doneStateSchema.optional(),
});

/** Met when at least `minRatio` of the environment's components pass (or are waived on) every listed control. */
export const controlsPassRuleSchema = z.strictObject({
  type: z.literal("controls-pass"),
  controls: z.array(controlIdSchema).min(1),
  environment: idSchema,
  minRatio: ratio.default(1),
});

/** Met when every namespace with workloads has a default-deny policy and every component passes network-policy. */
export const defaultDenyRuleSchema = z.strictObject({
  type: z.literal("default-deny"),
  environment: idSchema,
});

/** "Initiated": at least one component of the environment passes the control. */
export const anyPassRuleSchema = z.strictObject({
  type: z.literal("any-pass"),
  control: controlIdSchema,
  environment: idSchema,
});

/** Met when the computed maturity reaches `min`. */
export const maturityRuleSchema = z.strictObject({
  type: z.literal("maturity"),
  min: ratio,
});

/** Met when all listed milestones are done. */
export const milestonesDoneRuleSchema = z.strictObject({
  type: z.literal("milestones-done"),
  milestones: z.array(idSchema).min(1),
});

export const criterionRuleSchema = z.discriminatedUnion("type", [
  manualRuleSchema,
  controlsPassRuleSchema,
  defaultDenyRuleSchema,
  anyPassRuleSchema,
  maturityRuleSchema,
  milestonesDoneRuleSchema,
]);

export const exitCriterionSchema = z.strictObject({
  id: idSchema,
  title: text,
  /** Optional grouping under a work stream. */
  workStream: idSchema.optional(),
  rule: criterionRuleSchema,
});

// ---------------------------------------------------------------------------------------------------------
// Work streams, milestones, metrics

export const weekRangeSchema = z.strictObject({ from: weekNumber, to: weekNumber });

/** Progress = share of the environment's components passing all listed controls (waived counts as passed). */
export const scanProgressSchema = z.strictObject({
  type: z.literal("scan"),
  controls: z.array(controlIdSchema).min(1),
  environment: idSchema,
});

/** Progress = done milestones / milestones of the work stream. */
export const milestonesProgressSchema = z.strictObject({ type: z.literal("milestones") });

export const progressSourceSchema = z.discriminatedUnion("type", [
  scanProgressSchema,
  milestonesProgressSchema,
]);

export const workStreamSchema = z.strictObject({
  id: idSchema,
  name: text,
  description: z.string().optional(),
  /** Planned span in phase weeks. */
  weeks: weekRangeSchema,
  /** Weight in the phase's overall progress (default 1). */
  weight: z.number().positive().default(1),
  progress: progressSourceSchema,
});

export const milestoneSchema = z.strictObject({
  id: idSchema,
  workStream: idSchema,
  title: text,
  /** Planned week (phase week number). */
  week: weekNumber,
  done: doneStateSchema.optional(),
});

const metricBase = {
  id: idSchema,
  label: text,
  environment: idSchema,
  /** Table the metric is shown in, e.g. the K8s hardening work stream. */
  workStream: idSchema.optional(),
  /** "all-applicable": every component for which the control applies; or a fixed number. */
  target: z.union([z.literal("all-applicable"), z.number().int().min(0)]).default("all-applicable"),
};

export const controlMetricSchema = z.strictObject({
  kind: z.literal("control"),
  control: controlIdSchema,
  ...metricBase,
});

export const componentsCountMetricSchema = z.strictObject({
  kind: z.literal("components-count"),
  ...metricBase,
});

/** `kind` defaults to "control" (written before the union so that errors name the right fields). */
export const metricSchema = z.preprocess(
  (v) =>
    v !== null && typeof v === "object" && !Array.isArray(v) && !("kind" in v)
      ? { kind: "control", ...v }
      : v,
  z.discriminatedUnion("kind", [controlMetricSchema, componentsCountMetricSchema]),
);

// ---------------------------------------------------------------------------------------------------------
// Phases and periods

export const notesSchema = z.strictObject({
  /** Markdown. */
  keyLearnings: z.string().optional(),
  /** Markdown. */
  handoff: z.string().optional(),
});

export const periodSchema = z.strictObject({
  id: idSchema,
  /** "Week 1", "Week 2-3". */
  label: text,
  title: text,
  from: weekNumber,
  to: weekNumber,
  start: dateSchema,
  end: dateSchema,
  goals: z.array(text).default([]),
  exitCriteria: z.array(exitCriterionSchema).default([]),
  notes: notesSchema.optional(),
});

export const phaseSchema = z.strictObject({
  id: idSchema,
  number: z.number().int().min(0).optional(),
  name: text,
  goal: z.string().optional(),
  start: dateSchema,
  end: dateSchema,
  weeks: z.array(periodSchema).min(1),
  workStreams: z.array(workStreamSchema).min(1),
  milestones: z.array(milestoneSchema).default([]),
  exitCriteria: z.array(exitCriterionSchema).default([]),
  metrics: z.array(metricSchema).default([]),
});

export const environmentSchema = z.strictObject({
  name: idSchema,
  description: z.string().optional(),
});

export const maturitySchema = z.strictObject({
  /** Maturity when the program starts (0..1). */
  baseline: ratio,
  /** Target at the end of the last phase (0..1). */
  target: ratio,
  /**
   * How the current maturity is derived: baseline + (target - baseline) × overall progress of the
   * running phase (weighted work streams).
   */
  model: z.literal("phase-progress").default("phase-progress"),
  note: z.string().optional(),
});

const programObjectSchema = z.strictObject({
  apiVersion: z.literal("rampart.io/v1"),
  kind: z.literal("Program"),
  project: z.strictObject({
    slug: idSchema,
    name: text,
    description: z.string().optional(),
  }),
  environments: z.array(environmentSchema).min(1),
  maturity: maturitySchema,
  phases: z.array(phaseSchema).min(1),
});

type ProgramObject = z.output<typeof programObjectSchema>;
type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

function checkUnique(
  items: { id: string }[],
  path: Path,
  what: string,
  report: Report,
  seen = new Set<string>(),
) {
  items.forEach((item, i) => {
    if (seen.has(item.id)) report([...path, i, "id"], `Duplicate ${what} id "${item.id}"`);
    seen.add(item.id);
  });
}

/** The day a tick counts for: its done-on day, else the day it was recorded. */
export function doneOnDay(state: { on?: string; at: string }): string {
  return state.on ?? state.at.slice(0, 10);
}

/** A tick's done-on day lies within [phase start, the day it was recorded]. */
function checkDoneOn(
  state: z.output<typeof doneStateSchema> | undefined,
  phaseStart: string,
  path: Path,
  report: Report,
) {
  if (!state?.on) return;
  if (daysBetween(phaseStart, state.on) < 0) {
    report([...path, "on"], `Done on ${state.on} is before the phase's start ${phaseStart}`);
  }
  if (daysBetween(state.on, state.at.slice(0, 10)) < 0) {
    report(
      [...path, "on"],
      `Done on ${state.on} is after the day it was recorded (${state.at.slice(0, 10)})`,
    );
  }
}

function checkRules(
  criteria: ProgramObject["phases"][number]["exitCriteria"],
  path: Path,
  refs: {
    environments: Set<string>;
    workStreams: Set<string>;
    milestones: Set<string>;
    phaseStart: string;
  },
  report: Report,
) {
  criteria.forEach((c, i) => {
    const at: Path = [...path, i];
    if (c.rule.type === "manual") checkDoneOn(c.rule.met, refs.phaseStart, [...at, "rule", "met"], report);
    if (c.workStream !== undefined && !refs.workStreams.has(c.workStream)) {
      report([...at, "workStream"], `Unknown work stream "${c.workStream}"`);
    }
    const r = c.rule;
    if ("environment" in r && !refs.environments.has(r.environment)) {
      report([...at, "rule", "environment"], `Unknown environment "${r.environment}"`);
    }
    if (r.type === "milestones-done") {
      r.milestones.forEach((m, j) => {
        if (!refs.milestones.has(m)) report([...at, "rule", "milestones", j], `Unknown milestone "${m}"`);
      });
    }
  });
}

/** Cross-reference and date checks that a field-by-field schema cannot express. */
function checkProgram(p: ProgramObject, report: Report): void {
  const environments = new Set<string>();
  p.environments.forEach((e, i) => {
    if (environments.has(e.name)) report(["environments", i, "name"], `Duplicate environment "${e.name}"`);
    environments.add(e.name);
  });
  if (p.maturity.target < p.maturity.baseline) {
    report(["maturity", "target"], "Target must not be below baseline");
  }
  checkUnique(p.phases, ["phases"], "phase", report);
  // Phases follow one another: the phase "current by date" is then never ambiguous.
  p.phases.forEach((phase, pi) => {
    const prev = p.phases[pi - 1];
    if (prev && daysBetween(prev.end, phase.start) <= 0) {
      report(
        ["phases", pi, "start"],
        `Phase "${phase.id}" starts ${phase.start}, not after the previous phase's end ${prev.end}`,
      );
    }
  });
  const criterionIds = new Set<string>();
  // Milestone and period ids are unique across the program too: ticks are recorded and exported by id, and a
  // report names its period by id.
  const milestoneIds = new Set<string>();
  const periodIds = new Set<string>();

  p.phases.forEach((phase, pi) => {
    const at: Path = ["phases", pi];
    const datesOk = daysBetween(phase.start, phase.end) >= 0;
    if (!datesOk) report([...at, "end"], `End ${phase.end} is before start ${phase.start}`);
    const weeks = datesOk ? weekCount(phase.start, phase.end) : 0;
    const checkWeek = (n: number, path: Path) => {
      if (datesOk && n > weeks) report(path, `Week ${n} is after the phase's last week (${weeks})`);
    };

    // Periods: unique ids, end ≥ start, dates agree with the week numbering, ordered, no overlap.
    checkUnique(phase.weeks, [...at, "weeks"], "week", report, periodIds);
    let lastTo = 0;
    phase.weeks.forEach((w, wi) => {
      const wp: Path = [...at, "weeks", wi];
      if (w.to < w.from) report([...wp, "to"], `Week range ends (${w.to}) before it starts (${w.from})`);
      if (daysBetween(w.start, w.end) < 0) report([...wp, "end"], `End ${w.end} is before start ${w.start}`);
      if (w.from <= lastTo)
        report([...wp, "from"], `Week ${w.from} overlaps the previous period (ends week ${lastTo})`);
      lastTo = Math.max(lastTo, w.to);
      checkWeek(w.to, [...wp, "to"]);
      if (!datesOk) return;
      const expectedStart = weekStart(phase.start, w.from);
      const expectedEnd = weekEnd(phase.start, w.to);
      if (w.start !== expectedStart) {
        report(
          [...wp, "start"],
          `Week ${w.from} starts on ${expectedStart} (phase starts ${phase.start}), not ${w.start}`,
        );
      }
      if (w.end !== expectedEnd && w.end !== phase.end) {
        report([...wp, "end"], `Week ${w.to} ends on ${expectedEnd}, not ${w.end}`);
      }
      if (daysBetween(w.end, phase.end) < 0)
        report([...wp, "end"], `End ${w.end} is after the phase's end ${phase.end}`);
    });

    // Work streams.
    checkUnique(phase.workStreams, [...at, "workStreams"], "work stream", report);
    const workStreams = new Set(phase.workStreams.map((s) => s.id));
    phase.workStreams.forEach((s, si) => {
      const sp: Path = [...at, "workStreams", si];
      if (s.weeks.to < s.weeks.from) {
        report([...sp, "weeks", "to"], `Week range ends (${s.weeks.to}) before it starts (${s.weeks.from})`);
      }
      checkWeek(s.weeks.to, [...sp, "weeks", "to"]);
      if (s.progress.type === "scan" && !environments.has(s.progress.environment)) {
        report([...sp, "progress", "environment"], `Unknown environment "${s.progress.environment}"`);
      }
    });

    // Milestones.
    checkUnique(phase.milestones, [...at, "milestones"], "milestone", report, milestoneIds);
    const milestones = new Set(phase.milestones.map((m) => m.id));
    phase.milestones.forEach((m, mi) => {
      const mp: Path = [...at, "milestones", mi];
      if (!workStreams.has(m.workStream))
        report([...mp, "workStream"], `Unknown work stream "${m.workStream}"`);
      checkWeek(m.week, [...mp, "week"]);
      checkDoneOn(m.done, phase.start, [...mp, "done"], report);
    });
    phase.workStreams.forEach((s, si) => {
      if (s.progress.type === "milestones" && !phase.milestones.some((m) => m.workStream === s.id)) {
        report(
          [...at, "workStreams", si, "progress"],
          `Work stream "${s.id}" tracks milestones but has none`,
        );
      }
    });

    // Exit criteria (ids unique across the whole program: the app stores their state by id).
    const refs = { environments, workStreams, milestones, phaseStart: phase.start };
    phase.weeks.forEach((w, wi) => {
      checkUnique(
        w.exitCriteria,
        [...at, "weeks", wi, "exitCriteria"],
        "exit criterion",
        report,
        criterionIds,
      );
      checkRules(w.exitCriteria, [...at, "weeks", wi, "exitCriteria"], refs, report);
    });
    checkUnique(phase.exitCriteria, [...at, "exitCriteria"], "exit criterion", report, criterionIds);
    checkRules(phase.exitCriteria, [...at, "exitCriteria"], refs, report);

    // Metrics.
    checkUnique(phase.metrics, [...at, "metrics"], "metric", report);
    phase.metrics.forEach((m, mi) => {
      const mp: Path = [...at, "metrics", mi];
      if (!environments.has(m.environment))
        report([...mp, "environment"], `Unknown environment "${m.environment}"`);
      if (m.workStream !== undefined && !workStreams.has(m.workStream)) {
        report([...mp, "workStream"], `Unknown work stream "${m.workStream}"`);
      }
    });
  });
}

export const programDefinitionSchema = programObjectSchema.superRefine((p, ctx) => {
  checkProgram(p, (path, message) => ctx.addIssue({ code: "custom", path, message }));
});

/** A validated program definition (defaults applied). */
export type ProgramDefinition = z.output<typeof programDefinitionSchema>;
/** What a program.yaml may contain (defaults optional). */
export type ProgramDefinitionInput = z.input<typeof programDefinitionSchema>;
export type Phase = ProgramDefinition["phases"][number];
export type Period = Phase["weeks"][number];
export type WorkStream = Phase["workStreams"][number];
export type Milestone = Phase["milestones"][number];
export type ExitCriterion = Phase["exitCriteria"][number];
export type CriterionRule = ExitCriterion["rule"];
export type Metric = Phase["metrics"][number];
export type ProgressSource = WorkStream["progress"];
export type DoneState = z.output<typeof doneStateSchema>;
export type CoreControlId = (typeof CORE_CONTROL_IDS)[number];
