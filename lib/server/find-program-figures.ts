import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EvidenceKind } from "@/lib/generated/prisma/enums";
import {
  type BurnUp,
  type BurnUpCheck,
  burnUpFromChecks,
  type ControlRate,
  checkControls,
  computeHardeningMetrics,
  computePhaseFigures,
  controlRate,
  type EnvironmentScans,
  type HardeningMetricRow,
  type PhaseFigures,
  type ProgramState,
  stateAsOf,
  workStreamWindow,
} from "@/lib/metrics";
import {
  type CriterionRule,
  currentPhase,
  type DoneState,
  type ExitCriterion,
  type Phase,
  type PhaseStatus,
  type ProgressSource,
  phaseStatus,
  phaseSummary,
} from "@/lib/program";
import { CONTROL_DEFINITIONS } from "@/lib/scanner";
import type { Actor } from "./actor";
import { cachePromises } from "./cache-promises";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { findPhaseWeights } from "./find-phase-weights";
import { findScanDiff } from "./find-scan-diff";
import { loadLatestViews } from "./load-latest-views";
import type { ScanView } from "./load-scan-view";
import { loadSeriesViews } from "./load-series-views";
import { derivedKey, readProgramVersions } from "./program-versions";
import { requireProject } from "./require-project";

/** Most scans of one environment read for the time series (burn-up, trends): the newest ones. */
const SERIES_LIMIT = 100;
/** The trend's controls when the roadmap's metrics name none (or there is no roadmap): the hardening controls. */
const DEFAULT_TREND = CONTROL_DEFINITIONS.filter((c) => c.category === "hardening").map((c) => ({
  control: c.id,
  label: c.id,
}));
const DAY = 86_400_000;

export type ProgramFiguresOptions = {
  /** The environment of the hardening table, burn-up, trends and latest scan; default production (or the first). */
  environment?: string;
  /** Date metric statuses are judged at; default each scan's takenAt (a finished phase: its end). */
  asOf?: Date;
  /** The phase shown (its id); default the phase current by date. */
  phase?: string;
  /** Today, for which phase is current and finished (tests pin it). */
  now?: Date;
  /**
   * Which evidence the figures come from where an environment has both: manifests scanned (the default) or a
   * cluster's policy reports; an environment with only the other kind uses that.
   */
  evidence?: EvidenceKind;
};

export type ScanSummary = {
  id: string;
  takenAt: Date;
  gitRef: string | null;
  message: string | null;
  workloadCount: number;
};

export type ProgramFigures = {
  /** The kind of evidence the environment's figures come from, and the kinds its scans have. */
  evidence: EvidenceKind;
  evidenceKinds: EvidenceKind[];
  program: { maturity: { baseline: number; target: number; model: "phase-progress" } };
  /** Every phase (for the selector): id, name, dates and where it stands today. */
  phases: { id: string; name: string; number?: number; start: string; end: string; status: PhaseStatus }[];
  /** The phase shown as its program definition, rebuilt from the database rows; null without a roadmap. */
  phase: Phase | null;
  /** Whether it is the phase current by date (no `?phase=` needed to show it). */
  isCurrentPhase: boolean;
  /** The day the figures stand at: a finished phase's last day, else today. */
  figuresAsOf: string;
  state: ProgramState;
  environments: string[];
  environment: string;
  /** The phase's figures over the latest scan of each environment (current view: stored exceptions apply). */
  figures: PhaseFigures | null;
  /** The hardening table for `environment` (the program's metrics, judged on that environment's latest scan). */
  metrics: HardeningMetricRow[];
  /** Hardened components per scan of `environment`, one per scan-tracked work stream. */
  burnUps: { workStream: string; name: string; burnUp: BurnUp }[];
  /** Pass rates of the hardening controls per scan of `environment` (takenAt as ISO strings). */
  trend: {
    controls: { control: string; label: string }[];
    points: { takenAt: string; rates: ControlRate[] }[];
  };
  latest: ScanSummary | null;
  previous: ScanSummary | null;
  diff: Awaited<ReturnType<typeof findScanDiff>>["diff"] | null;
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function doneState(
  on: Date | null,
  at: Date | null,
  by: string | null,
  note: string | null,
): DoneState | null {
  if (!at) return null;
  return {
    ...(on ? { on: isoDay(on) } : {}),
    at: at.toISOString(),
    by: by ?? "unknown",
    ...(note ? { note } : {}),
  };
}

const PHASE_ROWS = {
  orderBy: { position: "asc" },
  include: {
    periods: { orderBy: { position: "asc" } },
    workStreams: {
      orderBy: { position: "asc" },
      include: { milestones: { orderBy: [{ position: "asc" }, { createdAt: "asc" }] } },
    },
    exitCriteria: {
      orderBy: { position: "asc" },
      include: { workStream: { select: { key: true } } },
    },
    metrics: { orderBy: { position: "asc" }, include: { workStream: { select: { key: true } } } },
  },
} satisfies Prisma.Project$phasesArgs;

type PhaseRow = Prisma.PhaseGetPayload<{ include: (typeof PHASE_ROWS)["include"] }>;
type RecordedState = {
  criteria: Record<string, DoneState | null>;
  milestones: Record<string, DoneState | null>;
};

/** A phase's rows as its program definition; the manual state recorded on them goes into `state`. */
function phaseDefinition(row: PhaseRow, state: RecordedState): Phase {
  const criterion = (c: (typeof row.exitCriteria)[number]): ExitCriterion => {
    const rule = c.rule as CriterionRule;
    if (rule.type === "manual") state.criteria[c.key] = doneState(c.metOn, c.metAt, c.metBy, c.metNote);
    return { id: c.key, title: c.title, ...(c.workStream ? { workStream: c.workStream.key } : {}), rule };
  };
  return {
    id: row.key,
    ...(row.number !== null ? { number: row.number } : {}),
    name: row.name,
    goal: row.goal,
    start: isoDay(row.startsOn),
    end: isoDay(row.endsOn),
    weeks: row.periods.map((p) => ({
      id: p.key,
      label: p.label,
      title: p.title,
      from: p.fromWeek,
      to: p.toWeek,
      start: isoDay(p.startsOn),
      end: isoDay(p.endsOn),
      goals: p.goals,
      exitCriteria: row.exitCriteria.filter((c) => c.periodId === p.id).map(criterion),
      notes: { keyLearnings: p.keyLearnings, handoff: p.handoffNotes },
    })),
    workStreams: row.workStreams.map((s) => ({
      id: s.key,
      name: s.name,
      description: s.description,
      weeks: { from: s.fromWeek, to: s.toWeek },
      weight: s.weight,
      progress: s.progress as ProgressSource,
    })),
    milestones: row.workStreams.flatMap((s) =>
      s.milestones.map((m) => {
        const id = m.key ?? m.id;
        state.milestones[id] = doneState(m.doneOn, m.doneAt, m.doneBy, m.doneNote);
        return { id, workStream: s.key, title: m.title, week: m.week };
      }),
    ),
    exitCriteria: row.exitCriteria.filter((c) => c.periodId === null).map(criterion),
    metrics: row.metrics.map((m) => {
      const base = {
        id: m.key,
        label: m.label,
        environment: m.environment,
        ...(m.workStream ? { workStream: m.workStream.key } : {}),
        target: m.target ?? ("all-applicable" as const),
      };
      return m.kind === "control" && m.controlId
        ? { kind: "control" as const, control: m.controlId, ...base }
        : { kind: "components-count" as const, ...base };
    }),
  };
}

/**
 * Loads the project's program: every phase as its program definition (lib/program shapes), in date order, the phase
 * current by date (see currentPhase: the one today falls in, else the one of the latest scan), and the recorded
 * manual state of every phase (ids are unique across the program).
 */
export async function loadProgram(projectId: string, today = new Date()) {
  const db = await getDb();
  const [project, latestScan] = await Promise.all([
    db.project.findUniqueOrThrow({
      where: { id: projectId },
      select: {
        slug: true,
        name: true,
        description: true,
        maturityBaseline: true,
        maturityTarget: true,
        maturityNote: true,
        environments: { orderBy: { name: "asc" }, select: { id: true, name: true, description: true } },
        phases: PHASE_ROWS,
      },
    }),
    db.scan.findFirst({ where: { projectId }, orderBy: { takenAt: "desc" }, select: { takenAt: true } }),
  ]);
  const state: RecordedState = { criteria: {}, milestones: {} };
  const phases = project.phases.map((row) => phaseDefinition(row, state));
  const phase = currentPhase(phases, isoDay(today), latestScan ? isoDay(latestScan.takenAt) : null) ?? null;
  return {
    project: { slug: project.slug, name: project.name, description: project.description },
    maturity: {
      baseline: project.maturityBaseline,
      target: project.maturityTarget,
      model: "phase-progress" as const,
      ...(project.maturityNote ? { note: project.maturityNote } : {}),
    },
    environments: project.environments,
    phases,
    /** The phase current by date; null without a roadmap. */
    phase,
    state: state as ProgramState,
  };
}

export type LoadedProgram = Awaited<ReturnType<typeof loadProgram>>;

/** The controls the trend and the burn-ups read of each scan of the series. */
type SeriesReads = { trend: string[]; burnUps: string[][] };

/** What the trend and the burn-ups read of one scan. */
type SeriesPoint = { takenAt: Date; rates: ControlRate[]; checks: BurnUpCheck["check"][] };

function seriesPoint(view: ScanView, reads: SeriesReads): SeriesPoint {
  return {
    takenAt: new Date(view.takenAt),
    rates: reads.trend.map((c) => controlRate(view, c)),
    checks: reads.burnUps.map((controls) => {
      const { met, inScope, ratio } = checkControls(view, controls);
      return { met, inScope, ratio };
    }),
  };
}

/**
 * Series points of stored scans, by project, scan and the controls read. A stored scan never changes (history as
 * recorded), so each point is computed once per process: the overview of 100 scans then reads 100 scan ids instead
 * of 100 scans' results.
 */
const seriesPoints = cachePromises<SeriesPoint>(5000);

/**
 * The series points of stored scans: the cached ones as they are, the others read together in one batch
 * (loadSeriesViews), never one query per scan.
 */
function storedSeriesPoints(
  projectId: string,
  scanIds: readonly string[],
  reads: SeriesReads,
): Promise<SeriesPoint[]> {
  const controls = [...new Set([...reads.trend, ...reads.burnUps.flat()])];
  const pending: string[] = [];
  let start: () => void = () => {};
  const batch = new Promise<void>((resolve) => {
    start = resolve;
  }).then(() => loadSeriesViews(projectId, pending, controls));
  const points = scanIds.map((scanId) =>
    seriesPoints(`${projectId}:${scanId}:${JSON.stringify(reads)}`, () => {
      pending.push(scanId);
      return batch.then((views) => {
        const view = views.get(scanId);
        if (!view) throw new NotFoundError(`scan "${scanId}"`);
        return seriesPoint(view, reads);
      });
    }),
  );
  if (pending.length > 0) start();
  return Promise.all(points);
}

const summary = (s: ScanSummary): ScanSummary => ({
  id: s.id,
  takenAt: s.takenAt,
  gitRef: s.gitRef,
  message: s.message,
  workloadCount: s.workloadCount,
});

/**
 * Everything the overview and the roadmap show for one phase of a project (`options.phase`, default the phase current
 * by date): the phase figures over the latest scan of each environment (current view: stored exceptions added since
 * apply; a finished phase as of its last day, so it keeps its figures), the hardening table, burn-ups against each
 * work stream's plan and control trends of one environment, and its latest scan with what changed since the previous
 * one. Maturity spans the whole program (the other phases as of the same day).
 */
export async function findProgramFigures(
  actor: Actor,
  projectSlug: string,
  options: ProgramFiguresOptions = {},
): Promise<ProgramFigures> {
  const access = await requireProject(actor, projectSlug, "read");
  const now = options.now ?? new Date();
  // Everything below is a function of the project's rows (versions: program, exceptions, the set of scans), the
  // options and the day: statuses, exception expiries and plans are judged by the day.
  const versions = await readProgramVersions(access.id);
  const parameters = [
    isoDay(now),
    options.environment ?? null,
    options.phase ?? null,
    options.asOf?.toISOString() ?? null,
    options.evidence ?? null,
  ];
  return cachedFigures(derivedKey(access.id, versions, parameters), () =>
    computeProgramFigures(actor, projectSlug, access.id, now, options),
  );
}

/**
 * Program figures computed once per process for the same inputs (derivedKey: the versions read from the database
 * in the request, so a write made through any server process changes the key of every process). Callers never
 * mutate what it returns.
 */
const cachedFigures = cachePromises<ProgramFigures>(32);

async function computeProgramFigures(
  actor: Actor,
  projectSlug: string,
  projectId: string,
  now: Date,
  options: ProgramFiguresOptions,
): Promise<ProgramFigures> {
  const db = await getDb();
  const today = isoDay(now);
  const program = await loadProgram(projectId, now);
  const names = program.environments.map((e) => e.name);
  const environment =
    options.environment && names.includes(options.environment)
      ? options.environment
      : names.includes("production")
        ? "production"
        : (names[0] ?? "production");
  const phase = program.phases.find((p) => p.id === options.phase) ?? program.phase;
  // A finished phase keeps its figures as of its last day: scans, exceptions and ticks as they stood then.
  const finished = phase !== null && phaseStatus(phase, today) === "done";
  const cutoff = finished ? new Date(Date.parse(`${phase.end}T00:00:00Z`) + DAY) : undefined;
  const figuresAt = cutoff ?? now;
  const state = finished ? stateAsOf(program.state, phase.end) : program.state;

  const preferred = options.evidence ?? "manifest";
  const scans = await loadLatestViews(projectId, program.environments, {
    before: cutoff,
    exceptionsAt: figuresAt,
    evidence: preferred,
  });
  const metricsAsOf = options.asOf ?? (cutoff ? new Date(cutoff.getTime() - 1) : undefined);
  const asOf = metricsAsOf ? { asOf: metricsAsOf } : {};
  const envScans: EnvironmentScans = scans;
  const otherPhases = phase ? await findPhaseWeights(projectId, program, phase, figuresAt) : [];
  const figures = phase
    ? computePhaseFigures({ maturity: program.maturity, otherPhases }, phase, envScans, {
        state,
        ...asOf,
        planAsOf: metricsAsOf ?? now,
      })
    : null;
  const metrics = phase
    ? computeHardeningMetrics(
        phase.metrics.map((m) => ({ ...m, environment })),
        envScans,
        { phase, ...asOf },
      )
    : [];

  // The environment's scans in time order: history as recorded, the latest as the current view.
  const envId = program.environments.find((e) => e.name === environment)?.id;
  // Of the evidence the figures come from: the preferred kind where the environment has it, else the other.
  const kinds = envId
    ? (
        await db.scan.findMany({
          where: { environmentId: envId, ...(cutoff ? { takenAt: { lt: cutoff } } : {}) },
          distinct: ["evidence"],
          select: { evidence: true },
        })
      ).map((s) => s.evidence)
    : [];
  const evidence = kinds.includes(preferred) ? preferred : (kinds[0] ?? preferred);
  const rows = envId
    ? await db.scan.findMany({
        where: { environmentId: envId, evidence, ...(cutoff ? { takenAt: { lt: cutoff } } : {}) },
        orderBy: { takenAt: "desc" },
        take: SERIES_LIMIT,
        select: { id: true, takenAt: true, gitRef: true, message: true, workloadCount: true },
      })
    : [];
  rows.reverse();
  const current = scans[environment] ?? null;

  const controls: { control: string; label: string }[] = [];
  for (const m of phase?.metrics ?? []) {
    if (m.kind === "control" && !controls.some((c) => c.control === m.control)) {
      controls.push({ control: m.control, label: m.label });
    }
  }
  if (controls.length === 0) controls.push(...DEFAULT_TREND);
  const burnUpStreams = (phase?.workStreams ?? []).flatMap((w) =>
    w.progress.type === "scan" && w.progress.environment === environment
      ? [{ workStream: w.id, name: w.name, controls: w.progress.controls }]
      : [],
  );
  const reads = {
    trend: controls.map((c) => c.control),
    burnUps: burnUpStreams.map((w) => w.controls),
  };
  // History as recorded for every scan but the latest, which is read as the current view (exceptions now).
  const stored = await storedSeriesPoints(
    projectId,
    rows.filter((r) => r.id !== current?.id).map((r) => r.id),
    reads,
  );
  const series = rows.map((r) =>
    current && r.id === current.id ? seriesPoint(current, reads) : (stored.shift() as SeriesPoint),
  );
  const trend = {
    controls,
    points: series.map((s) => ({ takenAt: s.takenAt.toISOString(), rates: s.rates })),
  };
  // Each stream's plan runs over its own planned weeks: it reaches the target at the stream's planned end.
  const burnUps =
    phase && series.length > 0
      ? burnUpStreams.map((w, i) => ({
          workStream: w.workStream,
          name: w.name,
          burnUp: burnUpFromChecks(
            series.map((s) => ({ takenAt: s.takenAt, check: s.checks[i] })),
            { controls: w.controls, window: workStreamWindow(phase, w.workStream), asOf: metricsAsOf ?? now },
          ),
        }))
      : [];

  const latest = rows.at(-1) ?? null;
  const previous = rows.length > 1 ? rows[rows.length - 2] : null;
  const diff =
    latest && previous ? (await findScanDiff(actor, projectSlug, previous.id, latest.id)).diff : null;

  return {
    program: { maturity: program.maturity },
    phases: program.phases.map((p) => phaseSummary(p, today)),
    phase,
    isCurrentPhase: phase !== null && phase.id === program.phase?.id,
    figuresAsOf: isoDay(new Date(figuresAt.getTime() - (cutoff ? 1 : 0))),
    state,
    environments: names,
    environment,
    evidence,
    evidenceKinds: [...kinds].sort(),
    figures,
    metrics,
    burnUps,
    trend,
    latest: latest && summary(latest),
    previous: previous && summary(previous),
    diff,
  };
}
