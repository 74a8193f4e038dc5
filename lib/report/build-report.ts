/**
 * buildReport: the whole session summary from one set of inputs (the program's phase, its manual state and the
 * scans as of the period's end). Every figure comes from lib/metrics (computePhaseFigures, computeHardeningMetrics,
 * checkControls, compareControlRates) and lib/diff, each computed once; sections only re-arrange those results.
 */
import { type DiffablePolicy, diffScans, type ScanDiff } from "@/lib/diff/diff-scans";
import {
  type CriterionResult,
  checkControls,
  compareControlRates,
  componentNamer,
  computeHardeningMetrics,
  computePhaseFigures,
  controlRate,
  type DatedMetricScan,
  type EnvironmentScans,
  type MetricResource,
  type MetricScan,
  type MetricWorkload,
  milestoneDone,
  type ProgramForFigures,
  type ProgramState,
  plannedShare,
  statusOf,
  toIsoDate,
} from "@/lib/metrics";
import { type Period, type Phase, weekEnd } from "@/lib/program";
import { CONTROL_DEFINITIONS, type Features, PATTERNS_BY_ID } from "@/lib/scanner";
import { featureBadges } from "@/lib/scanner/render/common";
import { REPORT_SCHEMA_VERSION, type Report, type ReportCriterion } from "./schema";

export type ReportWorkload = MetricWorkload & { file: string };

/** One stored scan as the report reads it (a lib/server ScanView is assignable). */
export type ReportScan = Omit<DatedMetricScan, "workloads" | "resources"> & {
  id: string;
  gitRef?: string | null;
  message?: string | null;
  workloads: readonly ReportWorkload[];
  resources?: readonly (MetricResource & { file: string; category?: string })[];
  /** The ValidatingAdmissionPolicies the scan evaluated (name, hash), for the diff's "policy changed". */
  policies?: readonly DiffablePolicy[];
};

export type ReportActivity = Report["activity"][number];

export type ReportInput = {
  project: { slug: string; name: string };
  /** Its maturity, and its other phases as of the period (maturity spans the program: see computePhaseFigures). */
  program: ProgramForFigures;
  /** The roadmap phase; null when the program has none (the roadmap's sections are then left out). */
  phase: Phase | null;
  /** Manual state as of the period's end (ticks recorded later left out). */
  state: ProgramState;
  environment: string;
  /** What is reported: a roadmap period, or the span between two scans (`period`: the one containing `to`). */
  range: { kind: "period"; period: Period } | { kind: "scans"; period: Period | null };
  /** The latest scan of every environment as of the period's end; `scans[environment]` is the "after" scan. */
  scans: Readonly<Record<string, ReportScan | null>>;
  /** The scan the period is compared with (the last before the period, or its first). */
  before: ReportScan | null;
  /** Scans of each environment taken during the reported period. */
  scansInPeriod: Readonly<Record<string, number>>;
  notes: { keyLearnings: string; handoff: string };
  activity: readonly ReportActivity[];
  generatedAt: string;
};

/** Coverage controls (network policies, PDBs): remaining work of their own, not failing components. */
const COVERAGE_CONTROLS = new Set(
  CONTROL_DEFINITIONS.filter((c) => c.category === "coverage").map((c) => c.id),
);

const CHANGE_ORDER = ["regressed", "fixed", "waived", "unwaived", "added", "removed"] as const;

/** The scanner's own hardening controls: what "hardened" means without a scan-tracked work stream. */
const SCANNER_HARDENING = CONTROL_DEFINITIONS.filter((c) => c.category === "hardening").map((c) => c.id);

/** Controls that define "hardened": the phase's main scan-tracked work stream (the reported environment's first). */
function hardeningStream(phase: Phase | null, environment: string) {
  const scanStreams = phase?.workStreams.filter((w) => w.progress.type === "scan") ?? [];
  const stream =
    scanStreams.find((w) => w.progress.type === "scan" && w.progress.environment === environment) ??
    scanStreams[0];
  return stream && stream.progress.type === "scan"
    ? { id: stream.id, name: stream.name, controls: stream.progress.controls }
    : null;
}

/** CIS recommendations checked by the controls the scans evaluated, each met or not in `after` (and `before`). */
function cisRecommendations(before: MetricScan | null, after: MetricScan | null): Report["cis"] {
  if (!after) return null;
  const evaluated = (scan: MetricScan, control: string) => {
    const r = controlRate(scan, control);
    return r.pass + r.fail + r.waived > 0;
  };
  const byId = new Map<string, string[]>();
  for (const c of CONTROL_DEFINITIONS) {
    if (!c.mapping.cis || !evaluated(after, c.id)) continue;
    byId.set(c.mapping.cis, [...(byId.get(c.mapping.cis) ?? []), c.id]);
  }
  if (byId.size === 0) return null;
  const met = (scan: MetricScan, controls: string[]) =>
    controls.every((c) => controlRate(scan, c).fail === 0);
  const order = (id: string) =>
    id
      .split(".")
      .map((n) => n.padStart(4, "0"))
      .join(".");
  const recommendations = [...byId.entries()]
    .sort(([a], [b]) => order(a).localeCompare(order(b)))
    .map(([id, controls]) => ({
      id,
      controls,
      before: before ? met(before, controls) : null,
      after: met(after, controls),
    }));
  return {
    recommendations,
    before: before ? recommendations.filter((r) => r.before).length : null,
    after: recommendations.filter((r) => r.after).length,
  };
}

/** A stored scan's `features` (JSON) as the scanner's badges, or none when the source did not record them. */
function badges(features: unknown): string[] {
  if (!features || typeof features !== "object" || Array.isArray(features)) return [];
  const f = features as Partial<Features>;
  return featureBadges({
    ...f,
    addedCapabilities: Array.isArray(f.addedCapabilities) ? f.addedCapabilities : [],
  } as Features);
}

const scanRef = (s: ReportScan | null): Report["scans"]["before"] =>
  s && {
    id: s.id,
    takenAt: new Date(s.takenAt).toISOString(),
    gitRef: s.gitRef ?? null,
    message: s.message ?? null,
    components: s.workloads.length,
  };

const criterion = (c: CriterionResult): ReportCriterion => ({
  id: c.id,
  title: c.title,
  met: c.met,
  automatic: c.automatic,
  evidence: c.evidence,
});

function changedFiles(diff: ScanDiff | null, after: ReportScan | null, before: ReportScan | null) {
  if (!diff) return [];
  const nameAfter = after ? componentNamer(after) : null;
  const nameBefore = before ? componentNamer(before) : null;
  const byFile = new Map<string, Map<string, { component: string; change: string; controls: string[] }>>();
  const add = (
    ref: { kind: string; namespace: string; name: string; file: string },
    change: (typeof CHANGE_ORDER)[number],
    control?: string,
  ) => {
    const namer = change === "removed" ? nameBefore : nameAfter;
    const component = namer ? namer(ref) : ref.name;
    const entries = byFile.get(ref.file) ?? new Map();
    byFile.set(ref.file, entries);
    const key = `${change}\u0000${component}`;
    const entry = entries.get(key) ?? { component, change, controls: [] };
    entries.set(key, entry);
    if (control) entry.controls.push(control);
  };
  for (const change of CHANGE_ORDER) {
    if (change === "added" || change === "removed") for (const r of diff[change]) add(r, change);
    else for (const c of diff[change]) add(c, change, c.control);
  }
  return [...byFile.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, entries]) => ({
      file,
      changes: [...entries.values()]
        .sort(
          (a, b) =>
            a.component.localeCompare(b.component) ||
            CHANGE_ORDER.indexOf(a.change as never) - CHANGE_ORDER.indexOf(b.change as never),
        )
        .map((e) => ({ ...e, change: e.change as (typeof CHANGE_ORDER)[number] })),
    }));
}

/** The scan with its components in a stable order (databases return rows in any order; evidence lists names). */
function ordered(scan: ReportScan): ReportScan;
function ordered(scan: ReportScan | null): ReportScan | null;
function ordered(scan: ReportScan | null): ReportScan | null {
  if (!scan) return null;
  const key = (w: ReportWorkload) => `${w.namespace}\u0000${w.name}\u0000${w.kind}`;
  return {
    ...scan,
    workloads: [...scan.workloads].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)),
  };
}

export function buildReport(report: ReportInput): Report {
  const input: ReportInput = {
    ...report,
    scans: Object.fromEntries(Object.entries(report.scans).map(([env, scan]) => [env, ordered(scan)])),
    before: ordered(report.before),
  };
  const { phase, environment } = input;
  const after = input.scans[environment] ?? null;
  const before = input.before && after && input.before.id !== after.id ? input.before : null;
  const period = input.range.period;
  const end =
    input.range.kind === "period" ? input.range.period.end : toIsoDate(after?.takenAt ?? input.generatedAt);
  const start =
    input.range.kind === "period"
      ? input.range.period.start
      : toIsoDate(before?.takenAt ?? after?.takenAt ?? end);
  const envScans: EnvironmentScans = input.scans;

  const figures = phase
    ? computePhaseFigures(input.program, phase, envScans, { state: input.state, asOf: end })
    : null;
  // The hardening table for the reported environment, judged at the period's end (as the dashboard does).
  const metricsRows = phase
    ? computeHardeningMetrics(
        phase.metrics.map((m) => ({ ...m, environment })),
        envScans,
        { phase, asOf: end },
      )
    : [];

  const stream = hardeningStream(phase, environment);
  const hardeningControls = stream?.controls ?? SCANNER_HARDENING;
  const check = after && hardeningControls.length ? checkControls(after, hardeningControls) : null;
  // Without a roadmap's metrics, the hardening controls are the ones reported on.
  const metricControls = phase
    ? [...new Set(phase.metrics.flatMap((m) => (m.kind === "control" ? [m.control] : [])))]
    : hardeningControls;

  // Components by category, hardened or not, from the after scan.
  const name = after ? componentNamer(after) : () => "";
  const failingNames = new Set(check?.failing.map((f) => f.label) ?? []);
  const categories = new Map<string, Report["categories"][number]["components"]>();
  const patternUse = new Map<string, string[]>();
  for (const w of after?.workloads ?? []) {
    const label = name(w);
    const controls = Object.entries(w.controls);
    const list = categories.get(w.category) ?? [];
    categories.set(w.category, list);
    list.push({
      name: label,
      kind: w.kind,
      namespace: w.namespace,
      file: w.file,
      pattern: w.pattern,
      patternTitle: PATTERNS_BY_ID.get(w.pattern as never)?.title ?? w.pattern,
      features: badges(w.features),
      hardened: check !== null && !failingNames.has(label),
      failing: metricControls.filter((c) => statusOf(w, c) === "fail"),
      waived: controls
        .filter(([, r]) => r.status === "waived")
        .map(([c]) => c)
        .sort(),
    });
    patternUse.set(w.pattern, [...(patternUse.get(w.pattern) ?? []), label]);
  }
  const sortedCategories = [...categories.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, components]) => ({
      name: category,
      components: components.sort((a, b) => a.name.localeCompare(b.name)),
    }));

  const patterns = [...patternUse.entries()]
    .flatMap(([id, components]) => {
      const def = PATTERNS_BY_ID.get(id as never);
      return def
        ? [
            {
              id,
              title: def.title,
              description: def.description,
              snippet: def.snippet,
              components: components.sort(),
            },
          ]
        : [];
    })
    .sort((a, b) => b.components.length - a.components.length || a.id.localeCompare(b.id));

  // Remaining work.
  const allComponents = sortedCategories.flatMap((c) => c.components);
  // Coverage gaps have their own lines (namespaces without default-deny, components without a PDB): counting them
  // here too made a component "still failing" while hardened, e.g. every component before the network policies.
  const failingComponents = allComponents.flatMap((c) => {
    const controls = c.failing.filter((id) => !COVERAGE_CONTROLS.has(id));
    return controls.length ? [{ name: c.name, file: c.file, controls }] : [];
  });
  const withWorkloads = [...new Set((after?.workloads ?? []).map((w) => w.namespace))].sort();
  const denyIngress = new Set(after?.namespaces.filter((n) => n.defaultDenyIngress).map((n) => n.name) ?? []);
  const otherEnvironments = Object.keys(input.scans)
    .filter((e) => e !== environment)
    .sort()
    .map((env) => {
      const scan = input.scans[env];
      if (!scan) return { environment: env, scanned: false, files: [] };
      const failing = hardeningControls.length ? checkControls(scan, hardeningControls).failing : [];
      const files = new Map<string, string[]>();
      const fileOf = new Map(scan.workloads.map((w) => [`${w.kind}/${w.namespace}/${w.name}`, w.file]));
      for (const f of failing) {
        const file = fileOf.get(`${f.component.kind}/${f.component.namespace}/${f.component.name}`) ?? "";
        files.set(file, [...(files.get(file) ?? []), f.label]);
      }
      return {
        environment: env,
        scanned: true,
        files: [...files.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([file, components]) => ({ file, components: components.sort() })),
      };
    });

  const diff = before && after ? diffScans(before, after) : null;
  const totals = diff?.totals ?? { added: 0, removed: 0, fixed: 0, regressed: 0, waived: 0, unwaived: 0 };

  // Roadmap periods, judged at the report's end date.
  const periodCriteria = figures?.exitCriteria.periods ?? [];
  const roadmap = (phase?.weeks ?? []).map((w) => {
    const criteria = periodCriteria.find((p) => p.periodId === w.id)?.criteria ?? [];
    const met = criteria.filter((c) => c.met).length;
    const status: Report["roadmap"][number]["status"] =
      criteria.length > 0 && met === criteria.length
        ? "complete"
        : end < w.start
          ? "upcoming"
          : end <= w.end
            ? "current"
            : criteria.length === 0
              ? "complete"
              : "overdue";
    return {
      id: w.id,
      label: w.label,
      title: w.title,
      start: w.start,
      end: w.end,
      status,
      goals: [...w.goals],
      criteriaMet: met,
      criteriaTotal: criteria.length,
    };
  });

  let overall: Report["overall"] = null;
  if (phase && figures) {
    const progress = figures.progress.overall;
    const planned = plannedShare({ start: phase.start, end: phase.end }, end);
    overall = {
      progress,
      planned,
      status: progress >= 1 ? "complete" : progress >= planned ? "on-track" : "behind",
      explanation: figures.progress.explanation,
    };
  }
  const qualityControls = phase
    ? phase.metrics.flatMap((m) => (m.kind === "control" ? [{ control: m.control, label: m.label }] : []))
    : hardeningControls;
  const phaseTitle = phase
    ? phase.number !== undefined
      ? `Phase ${phase.number}: ${phase.name}`
      : phase.name
    : input.project.name;
  const periodLabel = input.range.kind === "period" ? input.range.period.label : `${start} to ${end}`;

  // The next session: the roadmap period after this one and the milestones still open by its end.
  const next = phase?.weeks.find((w) => w.start > end) ?? null;
  const horizon = next?.to ?? Number.POSITIVE_INFINITY;
  const openMilestones = (phase?.milestones ?? [])
    .filter((m) => m.week <= horizon && !milestoneDone(m, input.state).done)
    .map((m) => {
      const due = weekEnd(phase?.start ?? end, m.week);
      return {
        id: m.id,
        title: m.title,
        workStream: phase?.workStreams.find((w) => w.id === m.workStream)?.name ?? m.workStream,
        week: m.week,
        due,
        overdue: due < end,
      };
    })
    .sort(
      (a, b) => a.week - b.week || a.workStream.localeCompare(b.workStream) || a.title.localeCompare(b.title),
    );

  // Components and files in scope per environment, as of the period's end.
  const resources = Object.keys(input.scans)
    .sort((a, b) => (a === environment ? -1 : b === environment ? 1 : a.localeCompare(b)))
    .map((env) => {
      const scan = input.scans[env] ?? null;
      const c = scan && hardeningControls.length ? checkControls(scan, hardeningControls) : null;
      return {
        environment: env,
        scan: scanRef(scan),
        scansInPeriod: input.scansInPeriod[env] ?? 0,
        components: scan?.workloads.length ?? 0,
        hardened: c?.met ?? 0,
        inScope: c?.inScope ?? 0,
        files: new Set(scan?.workloads.map((w) => w.file) ?? []).size,
        namespaces: new Set(scan?.workloads.map((w) => w.namespace) ?? []).size,
      };
    });
  const readinessOf = (scan: ReportScan | null) =>
    scan && hardeningControls.length ? checkControls(scan, hardeningControls).ratio : null;
  const readiness = after
    ? (() => {
        const b = readinessOf(before);
        const a = readinessOf(after);
        return { before: b, after: a, delta: a !== null && b !== null ? a - b : null };
      })()
    : null;

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: input.generatedAt,
    project: { ...input.project },
    environment,
    title: `${phaseTitle} - ${periodLabel} Summary`,
    phase: phase && {
      id: phase.id,
      name: phaseTitle,
      goal: phase.goal ?? "",
      start: phase.start,
      end: phase.end,
    },
    period: {
      kind: input.range.kind,
      id: period?.id ?? null,
      label: periodLabel,
      title: input.range.kind === "period" ? input.range.period.title : "Between two scans",
      start,
      end,
    },
    scans: { before: scanRef(before), after: scanRef(after) },
    overall,
    maturity: figures && {
      value: figures.maturity.value,
      baseline: figures.maturity.baseline,
      target: figures.maturity.target,
      explanation: figures.maturity.explanation,
    },
    hardening: {
      workStream: stream?.name ?? null,
      controls: [...hardeningControls],
      components: after?.workloads.length ?? 0,
      inScope: check?.inScope ?? 0,
      hardened: check?.met ?? 0,
      ratio: check?.ratio ?? null,
    },
    categories: sortedCategories,
    patterns,
    metrics: metricsRows.map((m) => ({
      id: m.id,
      label: m.label,
      target: m.target,
      achieved: m.achieved,
      ratio: m.ratio,
      status: m.status,
      note: m.note,
    })),
    workStreams: (figures?.progress.workStreams ?? []).map((w) => {
      const def = phase?.workStreams.find((s) => s.id === w.id);
      const weeks = def
        ? def.weeks.from === def.weeks.to
          ? `Week ${def.weeks.from}`
          : `Week ${def.weeks.from}-${def.weeks.to}`
        : "";
      return {
        id: w.id,
        name: w.name,
        weight: w.weight,
        weeks,
        progress: w.progress,
        done: w.done,
        total: w.total,
        label: w.label,
      };
    }),
    remaining: {
      failingComponents,
      namespacesWithoutDefaultDeny: withWorkloads.filter((ns) => !denyIngress.has(ns)),
      componentsWithoutPdb: (after?.workloads ?? [])
        .filter((w) => statusOf(w, "pod-disruption-budget") === "fail")
        .map(name)
        .sort(),
      otherEnvironments,
    },
    files: changedFiles(diff, after, before),
    changeTotals: {
      added: totals.added,
      removed: totals.removed,
      fixed: totals.fixed,
      regressed: totals.regressed,
      waived: totals.waived,
      unwaived: totals.unwaived,
    },
    policiesChanged: (diff?.policiesChanged ?? []).map(({ control, changes }) => ({ control, changes })),
    nextSession: {
      period: next && {
        id: next.id,
        label: next.label,
        title: next.title,
        start: next.start,
        end: next.end,
        goals: [...next.goals],
      },
      milestones: openMilestones,
    },
    resources,
    notes: { ...input.notes },
    activity: [...input.activity],
    exitCriteria: {
      periods: periodCriteria.map((p) => ({
        id: p.periodId,
        label: p.label,
        current: p.periodId === period?.id,
        criteria: p.criteria.map(criterion),
      })),
      phase: (figures?.exitCriteria.phase ?? []).map(criterion),
    },
    roadmap,
    quality: compareControlRates(before, after, qualityControls).map((q) => ({
      control: q.control,
      label: q.label,
      before: q.before?.rate ?? null,
      after: q.after?.rate ?? null,
      delta: q.delta,
    })),
    readiness,
    cis: cisRecommendations(before, after),
  };
}
