/**
 * The session summary report as one plain data model: every figure and section, computed once by buildReport from
 * lib/metrics results. Markdown, CSV, HTML/PDF and JSON are renderings of this model, so a figure cannot differ
 * between sections or formats. The JSON export is this model, validated by `reportSchema` (public contract,
 * `schemaVersion: 1`). Ratios are raw (0..1); renderers round them with lib/metrics formatPercent.
 */
import { z } from "zod";

export const REPORT_SCHEMA_VERSION = 1;

const ratio = z.number().nullable();

const scanRefSchema = z.object({
  id: z.string(),
  takenAt: z.string(),
  gitRef: z.string().nullable(),
  message: z.string().nullable(),
  components: z.number().int(),
});

const componentSchema = z.object({
  name: z.string(),
  kind: z.string(),
  namespace: z.string(),
  file: z.string(),
  pattern: z.string(),
  patternTitle: z.string(),
  features: z.array(z.string()),
  /** Meets every hardening control (pass, waived or n/a). */
  hardened: z.boolean(),
  /** Program metric controls the component fails. */
  failing: z.array(z.string()),
  /** Controls waived by a documented exception. */
  waived: z.array(z.string()),
});

const criterionSchema = z.object({
  id: z.string(),
  title: z.string(),
  met: z.boolean(),
  automatic: z.boolean(),
  evidence: z.string(),
});

export const CHANGE_KINDS = ["added", "removed", "fixed", "regressed", "waived", "unwaived"] as const;

export const reportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  generatedAt: z.string(),
  project: z.object({ slug: z.string(), name: z.string() }),
  environment: z.string(),
  title: z.string(),
  /** The roadmap phase reported on; null when the program has no roadmap (the roadmap's sections are left out). */
  phase: z
    .object({
      id: z.string(),
      name: z.string(),
      goal: z.string(),
      start: z.string(),
      end: z.string(),
    })
    .nullable(),
  /** The reported period: a roadmap period, or the span between two scans. */
  period: z.object({
    kind: z.enum(["period", "scans"]),
    /** The roadmap period's id (kind "period"), or the period containing the later scan, if any. */
    id: z.string().nullable(),
    label: z.string(),
    title: z.string(),
    start: z.string(),
    end: z.string(),
  }),
  scans: z.object({ before: scanRefSchema.nullable(), after: scanRefSchema.nullable() }),
  /** Overall phase progress (weighted work streams) and its status against the linear plan at the period's end. */
  overall: z
    .object({
      progress: z.number(),
      planned: z.number(),
      status: z.enum(["complete", "on-track", "behind"]),
      explanation: z.string(),
    })
    .nullable(),
  maturity: z
    .object({
      value: z.number(),
      baseline: z.number(),
      target: z.number(),
      explanation: z.string(),
    })
    .nullable(),
  /**
   * "Hardened": the controls of the phase's main scan-tracked work stream over the reported environment (without
   * one, the scanner's hardening controls; `workStream` is then null).
   */
  hardening: z.object({
    workStream: z.string().nullable(),
    controls: z.array(z.string()),
    components: z.number().int(),
    inScope: z.number().int(),
    hardened: z.number().int(),
    ratio,
  }),
  categories: z.array(z.object({ name: z.string(), components: z.array(componentSchema) })),
  patterns: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      description: z.string(),
      snippet: z.string(),
      components: z.array(z.string()),
    }),
  ),
  metrics: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      target: z.number().int(),
      achieved: z.number().int(),
      ratio,
      status: z.enum(["complete", "on-track", "behind", "not-started"]),
      note: z.string(),
    }),
  ),
  workStreams: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      weight: z.number(),
      weeks: z.string(),
      progress: z.number(),
      done: z.number().int(),
      total: z.number().int(),
      label: z.string(),
    }),
  ),
  remaining: z.object({
    failingComponents: z.array(
      z.object({ name: z.string(), file: z.string(), controls: z.array(z.string()) }),
    ),
    namespacesWithoutDefaultDeny: z.array(z.string()),
    componentsWithoutPdb: z.array(z.string()),
    /** Files of the other environments (e.g. dev) with components not meeting the hardening controls. */
    otherEnvironments: z.array(
      z.object({
        environment: z.string(),
        scanned: z.boolean(),
        files: z.array(z.object({ file: z.string(), components: z.array(z.string()) })),
      }),
    ),
  }),
  /** What changed between the two scans, per manifest file. */
  files: z.array(
    z.object({
      file: z.string(),
      changes: z.array(
        z.object({ component: z.string(), change: z.enum(CHANGE_KINDS), controls: z.array(z.string()) }),
      ),
    }),
  ),
  changeTotals: z.object({
    added: z.number().int(),
    removed: z.number().int(),
    fixed: z.number().int(),
    regressed: z.number().int(),
    waived: z.number().int(),
    unwaived: z.number().int(),
  }),
  /** Policy controls (vap:<name>) whose policy text changed between the two scans: their result changes are not in changeTotals. */
  policiesChanged: z.array(z.object({ control: z.string(), changes: z.number().int() })),
  /** The next session's plan: the next roadmap period with its goals, and the milestones still open by its end. */
  nextSession: z.object({
    period: z
      .object({
        id: z.string(),
        label: z.string(),
        title: z.string(),
        start: z.string(),
        end: z.string(),
        goals: z.array(z.string()),
      })
      .nullable(),
    milestones: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        workStream: z.string(),
        week: z.number().int(),
        /** The last day of the milestone's planned week. */
        due: z.string(),
        /** Due before the reported period's end. */
        overdue: z.boolean(),
      }),
    ),
  }),
  /** What is in scope per environment: its latest scan as of the period's end. */
  resources: z.array(
    z.object({
      environment: z.string(),
      scan: scanRefSchema.nullable(),
      /** Scans of the environment taken during the reported period. */
      scansInPeriod: z.number().int(),
      components: z.number().int(),
      hardened: z.number().int(),
      inScope: z.number().int(),
      files: z.number().int(),
      namespaces: z.number().int(),
    }),
  ),
  /** Free text (Markdown) written in the app for the period. */
  notes: z.object({ keyLearnings: z.string(), handoff: z.string() }),
  /** Audited changes during the period (milestone ticks, criteria, exceptions, notes): who and when. */
  activity: z.array(
    z.object({ at: z.string(), by: z.string(), action: z.string(), target: z.string(), summary: z.string() }),
  ),
  exitCriteria: z.object({
    periods: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        current: z.boolean(),
        criteria: z.array(criterionSchema),
      }),
    ),
    phase: z.array(criterionSchema),
  }),
  roadmap: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      title: z.string(),
      start: z.string(),
      end: z.string(),
      status: z.enum(["complete", "current", "overdue", "upcoming"]),
      goals: z.array(z.string()),
      criteriaMet: z.number().int(),
      criteriaTotal: z.number().int(),
    }),
  ),
  quality: z.array(
    z.object({
      control: z.string(),
      label: z.string(),
      before: ratio,
      after: ratio,
      delta: ratio,
    }),
  ),
  /** Production readiness: the share of components meeting every hardening control, before → after. */
  readiness: z.object({ before: ratio, after: ratio, delta: ratio }).nullable(),
  /**
   * CIS Kubernetes Benchmark recommendations that the scanned controls check (mapping.cis): met when no component
   * fails any of its controls (documented exceptions count as met). Null when no scanned control maps to one.
   */
  cis: z
    .object({
      recommendations: z.array(
        z.object({
          id: z.string(),
          controls: z.array(z.string()),
          before: z.boolean().nullable(),
          after: z.boolean(),
        }),
      ),
      before: z.number().int().nullable(),
      after: z.number().int(),
    })
    .nullable(),
});

export type Report = z.infer<typeof reportSchema>;
export type ReportComponent = Report["categories"][number]["components"][number];
export type ReportCriterion = Report["exitCriteria"]["phase"][number];
