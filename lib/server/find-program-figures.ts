import "server-only";
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
} from "@/lib/metrics";
import type { CriterionRule, DoneState, ExitCriterion, Phase, ProgressSource } from "@/lib/program";
import { CONTROL_DEFINITIONS } from "@/lib/scanner";
import type { Actor } from "./actor";
import { cachePromises } from "./cache-promises";
import { getDb } from "./db";
import { findScanDiff } from "./find-scan-diff";
import { loadScanView, type ScanView } from "./load-scan-view";
import { requireProject } from "./require-project";

/** Most scans of one environment read for the time series (burn-up, trends): the newest ones. */
const SERIES_LIMIT = 100;
/** The trend's controls when the roadmap's metrics name none (or there is no roadmap): the hardening controls. */
const DEFAULT_TREND = CONTROL_DEFINITIONS.filter((c) => c.category === "hardening").map((c) => ({
  control: c.id,
  label: c.id,
}));

export type ProgramFiguresOptions = {
  /** The environment of the hardening table, burn-up, trends and latest scan; default production (or the first). */
  environment?: string;
  /** Date metric statuses are judged at; default each scan's takenAt. */
  asOf?: Date;
};

export type ScanSummary = {
  id: string;
  takenAt: Date;
  gitRef: string | null;
  message: string | null;
  workloadCount: number;
};

export type ProgramFigures = {
  program: { maturity: { baseline: number; target: number; model: "phase-progress" } };
  /** The current (first) phase as its program definition, rebuilt from the database rows; null without a roadmap. */
  phase: Phase | null;
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

function doneState(at: Date | null, by: string | null, note: string | null): DoneState | null {
  if (!at) return null;
  return { at: at.toISOString(), by: by ?? "unknown", ...(note ? { note } : {}) };
}

/** Loads the project's phases as program definitions (lib/program shapes) and the recorded manual state. */
export async function loadProgram(projectId: string) {
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      maturityBaseline: true,
      maturityTarget: true,
      environments: { orderBy: { name: "asc" }, select: { id: true, name: true } },
      phases: {
        orderBy: { position: "asc" },
        take: 1,
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
      },
    },
  });
  const state: { criteria: Record<string, DoneState | null>; milestones: Record<string, DoneState | null> } =
    {
      criteria: {},
      milestones: {},
    };
  const row = project.phases[0];
  let phase: Phase | null = null;
  if (row) {
    const criterion = (c: (typeof row.exitCriteria)[number]): ExitCriterion => {
      const rule = c.rule as CriterionRule;
      if (rule.type === "manual") state.criteria[c.key] = doneState(c.metAt, c.metBy, c.metNote);
      return { id: c.key, title: c.title, ...(c.workStream ? { workStream: c.workStream.key } : {}), rule };
    };
    phase = {
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
          state.milestones[id] = doneState(m.doneAt, m.doneBy, m.doneNote);
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
  return {
    maturity: {
      baseline: project.maturityBaseline,
      target: project.maturityTarget,
      model: "phase-progress" as const,
    },
    environments: project.environments,
    phase,
    state: state as ProgramState,
  };
}

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

function storedSeriesPoint(projectId: string, scanId: string, reads: SeriesReads): Promise<SeriesPoint> {
  const controls = [...new Set([...reads.trend, ...reads.burnUps.flat()])];
  return seriesPoints(`${projectId}:${scanId}:${JSON.stringify(reads)}`, () =>
    loadScanView(projectId, scanId, { controls }).then((view) => seriesPoint(view, reads)),
  );
}

const summary = (s: ScanSummary): ScanSummary => ({
  id: s.id,
  takenAt: s.takenAt,
  gitRef: s.gitRef,
  message: s.message,
  workloadCount: s.workloadCount,
});

/**
 * Everything the overview shows for a project's current (first) phase: the phase figures over the latest scan of
 * each environment (current view: stored exceptions added since apply), the hardening table, burn-ups and control
 * trends of one environment, and its latest scan with what changed since the previous one.
 */
export async function findProgramFigures(
  actor: Actor,
  projectSlug: string,
  options: ProgramFiguresOptions = {},
): Promise<ProgramFigures> {
  const access = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  const program = await loadProgram(access.id);
  const names = program.environments.map((e) => e.name);
  const environment =
    options.environment && names.includes(options.environment)
      ? options.environment
      : names.includes("production")
        ? "production"
        : (names[0] ?? "production");
  const now = new Date();

  // The latest scan of each environment, as the figures read it now.
  const latestRows = await Promise.all(
    program.environments.map((e) =>
      db.scan.findFirst({
        where: { environmentId: e.id },
        orderBy: { takenAt: "desc" },
        select: { id: true },
      }),
    ),
  );
  const latestViews = await Promise.all(
    latestRows.map((r) => (r ? loadScanView(access.id, r.id, { exceptionsAt: now }) : null)),
  );
  const scans: Record<string, ScanView | null> = {};
  program.environments.forEach((e, i) => {
    scans[e.name] = latestViews[i];
  });
  const asOf = options.asOf ? { asOf: options.asOf } : {};
  const envScans: EnvironmentScans = scans;
  const figures = program.phase
    ? computePhaseFigures(program, program.phase, envScans, { state: program.state, ...asOf })
    : null;
  const metrics = program.phase
    ? computeHardeningMetrics(
        program.phase.metrics.map((m) => ({ ...m, environment })),
        envScans,
        { phase: program.phase, ...asOf },
      )
    : [];

  // The environment's scans in time order: history as recorded, the latest as the current view.
  const envId = program.environments.find((e) => e.name === environment)?.id;
  const rows = envId
    ? await db.scan.findMany({
        where: { environmentId: envId },
        orderBy: { takenAt: "desc" },
        take: SERIES_LIMIT,
        select: { id: true, takenAt: true, gitRef: true, message: true, workloadCount: true },
      })
    : [];
  rows.reverse();
  const current = scans[environment] ?? null;

  const controls: { control: string; label: string }[] = [];
  for (const m of program.phase?.metrics ?? []) {
    if (m.kind === "control" && !controls.some((c) => c.control === m.control)) {
      controls.push({ control: m.control, label: m.label });
    }
  }
  if (controls.length === 0) controls.push(...DEFAULT_TREND);
  const phase = program.phase;
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
  const series = await Promise.all(
    rows.map((r) =>
      current && r.id === current.id
        ? seriesPoint(current, reads)
        : storedSeriesPoint(access.id, r.id, reads),
    ),
  );
  const trend = {
    controls,
    points: series.map((s) => ({ takenAt: s.takenAt.toISOString(), rates: s.rates })),
  };
  const burnUps =
    phase && series.length > 0
      ? burnUpStreams.map((w, i) => ({
          workStream: w.workStream,
          name: w.name,
          burnUp: burnUpFromChecks(
            series.map((s) => ({ takenAt: s.takenAt, check: s.checks[i] })),
            { controls: w.controls, window: { start: phase.start, end: phase.end } },
          ),
        }))
      : [];

  const latest = rows.at(-1) ?? null;
  const previous = rows.length > 1 ? rows[rows.length - 2] : null;
  const diff =
    latest && previous ? (await findScanDiff(actor, projectSlug, previous.id, latest.id)).diff : null;

  return {
    program: { maturity: program.maturity },
    phase: program.phase,
    state: program.state,
    environments: names,
    environment,
    figures,
    metrics,
    burnUps,
    trend,
    latest: latest && summary(latest),
    previous: previous && summary(previous),
    diff,
  };
}
