import "server-only";
import type { DiffablePolicy } from "@/lib/diff/diff-scans";
import type { ProgramState } from "@/lib/metrics";
import { doneOnDay } from "@/lib/program";
import { buildReport, type ReportActivity, type ReportScan } from "@/lib/report/build-report";
import { escapeHtml } from "@/lib/report/escape";
import { renderHtml } from "@/lib/report/render-html";
import type { Report } from "@/lib/report/schema";
import type { Actor } from "./actor";
import { cachePromises } from "./cache-promises";
import { countPrunedScans } from "./count-pruned-scans";
import { getDb } from "./db";
import { NotFoundError, ValidationError } from "./errors";
import { findPhaseWeights } from "./find-phase-weights";
import { loadProgram } from "./find-program-figures";
import { loadScanView } from "./load-scan-view";
import { derivedKey, readProgramVersions } from "./program-versions";
import { requireProject } from "./require-project";

export type ReportQuery = {
  /** Default production (or the first environment); with `from`/`to`, the scans' environment. */
  environment?: string;
  /** A roadmap period's id (e.g. `week-6-8`); default the period of the environment's latest scan. */
  period?: string;
  /** Two scan ids of one environment instead of a period: `from` the earlier. */
  from?: string;
  to?: string;
  generatedAt?: Date;
};

/** Audited changes the handoff section cites: roadmap ticks, exit criteria, exceptions and period notes. */
const CITED_ACTIONS = ["milestone.", "criterion.", "exception.", "period."];

const DAY = 86_400_000;
const dayStart = (iso: string) => new Date(`${iso}T00:00:00Z`);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Ticks: their audit entry's `after` holds the day the work was done (milestones doneOn, criteria metOn). */
const TICK_ACTIONS = ["milestone.done", "criterion.met"];

function auditFields(after: unknown): Record<string, unknown> {
  return after && typeof after === "object" ? (after as Record<string, unknown>) : {};
}

/** The day a tick's work was done, from its audit entry; null for any other entry. */
function tickDay(action: string, after: unknown): string | null {
  if (!TICK_ACTIONS.includes(action)) return null;
  const { doneOn, metOn } = auditFields(after);
  const day = doneOn ?? metOn;
  return typeof day === "string" ? day : null;
}

/**
 * One line of the period's recorded changes. A tick names the day the work was done, and says so when that day is
 * outside the reported days (`days`, inclusive): the report counts it in the period of that day.
 */
function activitySummary(
  action: string,
  target: string,
  after: unknown,
  days: { from: string; to: string },
): string {
  const { doneNote, metNote } = auditFields(after);
  const noteText = doneNote ?? metNote;
  const note = typeof noteText === "string" && noteText ? ` (${noteText})` : "";
  const on = tickDay(action, after);
  const done = on ? `, done on ${on}${on < days.from || on > days.to ? ", outside this period" : ""}` : "";
  const verbs: Record<string, string> = {
    "milestone.done": "ticked",
    "milestone.undone": "unticked",
    "milestone.create": "added",
    "milestone.update": "edited",
    "criterion.met": "ticked",
    "criterion.unmet": "unticked",
    "period.notes": "edited the notes of",
  };
  const verb = verbs[action];
  return verb ? `${verb} ${target}${done}${note}` : `${action}: ${target}`;
}

/** Manual state as it stood at `cutoff`, counting each tick by its done-on day: work done later is left out. */
function stateAt(state: ProgramState["criteria"], cutoff: Date): NonNullable<ProgramState["criteria"]> {
  return Object.fromEntries(
    Object.entries(state ?? {}).map(([id, s]) => [
      id,
      s && typeof s === "object" && dayStart(doneOnDay(s)).getTime() >= cutoff.getTime() ? null : s,
    ]),
  );
}

/**
 * The session summary report of a project for one environment and a period (a roadmap period, or two scans): the
 * phase's figures over the latest scan of every environment as of the period's end (stored exceptions active then
 * waive), compared with the scan before the period, with the period's notes and the audited changes during it.
 */
export async function findReport(
  actor: Actor,
  projectSlug: string,
  query: ReportQuery = {},
): Promise<Report> {
  const access = await requireProject(actor, projectSlug, "read");
  const { generatedAt = new Date(), ...range } = query;
  // A function of the project's rows (versions: program, exceptions, the set of scans; every audited action the
  // report cites bumps one of them), the query and the days it is judged by: computed once per process for them.
  const versions = await readProgramVersions(access.id);
  const key = derivedKey(access.id, versions, [isoDay(new Date()), isoDay(generatedAt), range]);
  const report = await cachedReports(key, () => buildProjectReport(access.id, { ...range, generatedAt }));
  const stamped = { ...report, generatedAt: generatedAt.toISOString() };
  cachedOf.set(stamped, report);
  return stamped;
}

/** Each report findReport returned → the cached report it is a stamped copy of (reportHtml's cache key). */
const cachedOf = new WeakMap<Report, Report>();
/** renderHtml of a cached report with GENERATED in place of its time; kept as long as the report is cached. */
const htmlOf = new WeakMap<Report, string>();
const GENERATED = "rampart-report-generated-at-9f1c2e";
const GENERATED_CELL = `<dt>Generated</dt><dd>${GENERATED}</dd>`;

/**
 * renderHtml(report), rendered once per cached report: the reports findReport returns differ only in generatedAt,
 * which the HTML shows in one place, so the rest is reused and the time put in (the page's preview renders 180 kB
 * of HTML per request otherwise). Any other report is rendered as it is.
 */
export function reportHtml(report: Report): string {
  const cached = cachedOf.get(report);
  if (!cached) return renderHtml(report);
  let html = htmlOf.get(cached);
  if (html === undefined) {
    html = renderHtml({ ...cached, generatedAt: GENERATED });
    htmlOf.set(cached, html);
  }
  const parts = html.split(GENERATED_CELL);
  if (parts.length !== 2) return renderHtml(report); // the time is not (only) in its cell: render it whole
  return `${parts[0]}<dt>Generated</dt><dd>${escapeHtml(report.generatedAt)}</dd>${parts[1]}`;
}

/** Reports by derivedKey; callers never mutate what it returns (findReport copies the object it stamps). */
const cachedReports = cachePromises<Report>(16);

async function buildProjectReport(projectId: string, query: ReportQuery): Promise<Report> {
  const access = { id: projectId };
  const db = await getDb();
  const [program, project] = await Promise.all([
    loadProgram(access.id),
    db.project.findUniqueOrThrow({ where: { id: access.id }, select: { slug: true, name: true } }),
  ]);
  // Without a roadmap the report covers two scans and leaves the roadmap's sections out.
  // A period names its phase (period ids are unique across the program); otherwise the phase current by date.
  const phase = program.phases.find((p) => p.weeks.some((w) => w.id === query.period)) ?? program.phase;
  const names = program.environments.map((e) => e.name);
  if (query.environment !== undefined && !names.includes(query.environment))
    throw new NotFoundError(`environment "${query.environment}"`);
  if ((query.from === undefined) !== (query.to === undefined))
    throw new ValidationError("give both from and to scan ids", query.from === undefined ? "from" : "to");
  if (query.period !== undefined && query.from !== undefined)
    throw new ValidationError("give a period or two scans, not both", "period");

  const scanSelect = { id: true, takenAt: true, environmentId: true } as const;
  let environment =
    query.environment ?? (names.includes("production") ? "production" : (names[0] ?? "production"));
  let range: Parameters<typeof buildReport>[0]["range"];
  let cutoff: Date;
  let beforeId: string | null = null;
  const periodAt = (date: Date) => {
    const iso = isoDay(date);
    return phase?.weeks.find((w) => w.start <= iso && iso <= w.end) ?? null;
  };

  let scanIds =
    query.from !== undefined && query.to !== undefined ? { from: query.from, to: query.to } : null;
  if (!scanIds && !phase) {
    // No roadmap period to default to: the last two scans of the environment (or its only one, twice).
    if (query.period !== undefined)
      throw new NotFoundError(`period "${query.period}" (the program has no roadmap)`);
    const envId = program.environments.find((e) => e.name === environment)?.id;
    const last = envId
      ? await db.scan.findMany({
          where: { environmentId: envId },
          orderBy: { takenAt: "desc" },
          take: 2,
          select: { id: true },
        })
      : [];
    if (last.length === 0)
      throw new ValidationError(`no scan of ${environment} yet: the report needs a scan`, "environment");
    scanIds = { from: last[last.length - 1].id, to: last[0].id };
  }

  if (scanIds) {
    const rows = await db.scan.findMany({
      where: { id: { in: [scanIds.from, scanIds.to] }, projectId: access.id },
      select: { ...scanSelect, environment: { select: { name: true } } },
    });
    const from = rows.find((s) => s.id === scanIds.from);
    const to = rows.find((s) => s.id === scanIds.to);
    if (!from) throw new NotFoundError(`scan "${scanIds.from}"`);
    if (!to) throw new NotFoundError(`scan "${scanIds.to}"`);
    if (from.environmentId !== to.environmentId)
      throw new ValidationError("both scans must be of the same environment", "to");
    if (from.takenAt.getTime() > to.takenAt.getTime())
      throw new ValidationError("from must be taken before to", "from");
    if (query.environment !== undefined && query.environment !== to.environment.name)
      throw new ValidationError("the scans are not of this environment", "environment");
    environment = to.environment.name;
    cutoff = new Date(to.takenAt.getTime() + 1);
    beforeId = from.id;
    range = { kind: "scans", period: periodAt(to.takenAt) };
  } else if (phase) {
    const envId = program.environments.find((e) => e.name === environment)?.id;
    let period = query.period === undefined ? null : phase.weeks.find((w) => w.id === query.period);
    if (period === undefined) throw new NotFoundError(`period "${query.period}"`);
    if (period === null) {
      const latest = envId
        ? await db.scan.findFirst({
            where: { environmentId: envId },
            orderBy: { takenAt: "desc" },
            select: { takenAt: true },
          })
        : null;
      period = (latest && periodAt(latest.takenAt)) ?? phase.weeks[phase.weeks.length - 1];
    }
    cutoff = new Date(dayStart(period.end).getTime() + DAY);
    range = { kind: "period", period };
    if (envId) {
      const start = dayStart(period.start);
      const before =
        (await db.scan.findFirst({
          where: { environmentId: envId, takenAt: { lt: start } },
          orderBy: { takenAt: "desc" },
          select: { id: true },
        })) ??
        (await db.scan.findFirst({
          where: { environmentId: envId, takenAt: { gte: start, lt: cutoff } },
          orderBy: { takenAt: "asc" },
          select: { id: true },
        }));
      beforeId = before?.id ?? null;
    }
  } else throw new Error("unreachable: a program without a roadmap reports two scans");

  // The latest scan of every environment as of the cutoff, as the figures read it then.
  const latestRows = await Promise.all(
    program.environments.map((e) =>
      db.scan.findFirst({
        where: { environmentId: e.id, takenAt: { lt: cutoff } },
        orderBy: { takenAt: "desc" },
        select: { id: true, gitRef: true, message: true, policies: true },
      }),
    ),
  );
  const withMeta = async (
    row: { id: string; gitRef: string | null; message: string | null; policies: unknown },
    exceptionsAt?: Date,
  ): Promise<ReportScan> => ({
    ...(await loadScanView(access.id, row.id, exceptionsAt ? { exceptionsAt } : {})),
    gitRef: row.gitRef,
    message: row.message,
    // The policies the scan evaluated (name, hash): the diff flags one whose text changed.
    policies: row.policies as DiffablePolicy[],
  });
  const views = await Promise.all(latestRows.map((r) => (r ? withMeta(r, cutoff) : null)));
  const scans: Record<string, ReportScan | null> = {};
  program.environments.forEach((e, i) => {
    scans[e.name] = views[i];
  });
  const beforeRow = beforeId
    ? await db.scan.findUniqueOrThrow({
        where: { id: beforeId },
        select: { id: true, gitRef: true, message: true, policies: true },
      })
    : null;
  // History as recorded: an exception added later does not rewrite what the earlier scan found.
  const before = beforeRow ? await withMeta(beforeRow) : null;

  const notesPeriod = range.period;
  const activityFrom =
    range.kind === "period"
      ? dayStart(range.period.start)
      : before
        ? new Date(before.takenAt)
        : new Date(cutoff.getTime() - 1);
  // Scans the retention policy pruned still count in their period (lib/server/prune-scans.ts).
  const pruned = await countPrunedScans(db, access.id, activityFrom, cutoff);
  const scanCounts = await Promise.all(
    program.environments.map(
      async (e) =>
        (await db.scan.count({
          where: { environmentId: e.id, takenAt: { gte: activityFrom, lt: cutoff } },
        })) + (pruned.get(e.id) ?? 0),
    ),
  );
  // The days reported: ticks recorded then for work done on another day say so; ticks recorded later for work
  // done within these days are listed too, since the report counts them (stateAt).
  const days = { from: isoDay(activityFrom), to: isoDay(new Date(cutoff.getTime() - 1)) };
  const auditSelect = { createdAt: true, actorLabel: true, action: true, target: true, after: true } as const;
  const [recorded, recordedLater] = await Promise.all([
    db.auditLog.findMany({
      where: {
        projectId: access.id,
        createdAt: {
          gte: activityFrom,
          lt: cutoff,
        },
        OR: CITED_ACTIONS.map((prefix) => ({ action: { startsWith: prefix } })),
      },
      orderBy: { createdAt: "asc" },
      take: 200,
      select: auditSelect,
    }),
    db.auditLog.findMany({
      where: {
        projectId: access.id,
        createdAt: { gte: cutoff },
        action: { in: TICK_ACTIONS },
        OR: ["doneOn", "metOn"].map((key) => ({
          AND: [{ after: { path: [key], gte: days.from } }, { after: { path: [key], lte: days.to } }],
        })),
      },
      orderBy: { createdAt: "asc" },
      take: 200,
      select: auditSelect,
    }),
  ]);
  const activity: ReportActivity[] = [...recorded, ...recordedLater].map((a) => ({
    at: a.createdAt.toISOString(),
    by: a.actorLabel,
    action: a.action,
    target: a.target,
    summary: activitySummary(a.action, a.target, a.after, days),
  }));

  return buildReport({
    project,
    // Maturity spans the program: the other phases as of the period's end (findPhaseWeights).
    program: phase
      ? {
          ...program,
          otherPhases: await findPhaseWeights(access.id, program, phase, new Date(cutoff.getTime() - 1)),
        }
      : program,
    phase,
    state: {
      criteria: stateAt(program.state.criteria, cutoff),
      milestones: stateAt(program.state.milestones, cutoff),
    },
    environment,
    range,
    scans,
    before,
    scansInPeriod: Object.fromEntries(program.environments.map((e, i) => [e.name, scanCounts[i]])),
    notes: {
      keyLearnings: notesPeriod?.notes?.keyLearnings ?? "",
      handoff: notesPeriod?.notes?.handoff ?? "",
    },
    activity,
    generatedAt: (query.generatedAt ?? new Date()).toISOString(),
  });
}
