/**
 * Exit criteria, evaluated from scans, the computed maturity and manual state.
 *
 * - `manual`: met iff ticked (recorded state, else the program file's `rule.met`). Not automatic.
 * - `controls-pass`: met when the share of the environment's components meeting every listed control (pass, or
 *   waived: a documented exception counts as met; n/a-only components left out) is ≥ minRatio. Not met without
 *   a scan or without any component in scope.
 * - `default-deny`: met when every namespace with workloads has a default-deny ingress policy AND every component
 *   passes (or is waived on) network-policy.
 * - `any-pass` ("initiated"): met when at least one component passes the control (a waiver is not progress).
 * - `maturity`: met when the computed maturity ≥ min.
 * - `milestones-done`: met when every listed milestone is done.
 * Every result carries human-readable evidence with the numbers and what fails.
 */
import {
  type CriterionRule,
  type DoneState,
  doneOnDay,
  type ExitCriterion,
  type Milestone,
  type Phase,
} from "@/lib/program";
import { checkControls, componentNamer, type FailingComponent, objectsFor, statusOf } from "./components.ts";
import { formatPercent, joinList, nameList, plural } from "./format.ts";
import { criterionTicked, milestoneDone } from "./state.ts";
import type { EnvironmentScans, ProgramState } from "./types.ts";

export type CriterionResult = {
  id: string;
  title: string;
  workStream?: string;
  type: CriterionRule["type"];
  met: boolean;
  /** Computed from data (false: ticked by hand). */
  automatic: boolean;
  /** Human-readable, with the numbers and the failing components/namespaces. */
  evidence: string;
  /** The measured ratio where there is one (controls-pass: components meeting / in scope). */
  ratio?: number | null;
  failingComponents?: FailingComponent[];
  failingNamespaces?: string[];
  missingMilestones?: string[];
  /** Manual: who ticked it and when. */
  metState?: DoneState;
};

export type CriterionContext = {
  scans: EnvironmentScans;
  /** Computed maturity (computeMaturity().value); required by `maturity` rules. */
  maturity?: number | null;
  /** The phase's milestones (titles and initial done state). */
  milestones?: readonly Milestone[];
  state?: ProgramState;
};

type Evaluation = Omit<CriterionResult, "id" | "title" | "workStream" | "type" | "automatic">;

const noScan = (environment: string): Evaluation => ({
  met: false,
  evidence: `No scan of ${environment} yet`,
});

function failingText(failing: readonly { label: string }[]): string {
  return failing.length === 0 ? "" : `; failing: ${nameList(failing.map((f) => f.label))}`;
}

function evaluateRule(criterion: ExitCriterion, ctx: CriterionContext): Evaluation {
  const rule = criterion.rule;
  switch (rule.type) {
    case "manual": {
      const t = criterionTicked(criterion, ctx.state);
      if (!t.done) return { met: false, evidence: "Not ticked yet (manual)" };
      const s = t.state;
      const who = s ? ` by ${s.by} on ${doneOnDay(s)}${s.note ? ` (${s.note})` : ""}` : "";
      return { met: true, evidence: `Ticked${who}`, ...(s ? { metState: s } : {}) };
    }
    case "controls-pass": {
      const scan = ctx.scans[rule.environment];
      if (!scan) return noScan(rule.environment);
      const check = checkControls(scan, rule.controls);
      const controls = joinList(rule.controls);
      if (check.inScope === 0) {
        return {
          met: false,
          ratio: null,
          evidence: `No ${rule.environment} component that ${controls} applies to`,
        };
      }
      const met = (check.ratio ?? 0) >= rule.minRatio;
      const need =
        rule.minRatio < 1 ? ` (${formatPercent(check.ratio)}, needs ${formatPercent(rule.minRatio)})` : "";
      return {
        met,
        ratio: check.ratio,
        failingComponents: check.failing,
        evidence: `${check.met} of ${plural(check.inScope, "component")} pass ${controls} (waived counts as met)${need}${failingText(check.failing)}`,
      };
    }
    case "default-deny": {
      const scan = ctx.scans[rule.environment];
      if (!scan) return noScan(rule.environment);
      if (scan.workloads.length === 0)
        return { met: false, evidence: `No components in the ${rule.environment} scan` };
      const withWorkloads = [...new Set(scan.workloads.map((w) => w.namespace))].sort();
      const denyIngress = new Set(scan.namespaces.filter((n) => n.defaultDenyIngress).map((n) => n.name));
      const failingNamespaces = withWorkloads.filter((ns) => !denyIngress.has(ns));
      const check = checkControls(scan, ["network-policy"]);
      const name = componentNamer(scan);
      const uncovered = scan.workloads.filter((w) => statusOf(w, "network-policy") === "fail");
      const covered = scan.workloads.length - uncovered.length;
      const nsText =
        failingNamespaces.length === 0
          ? `all ${plural(withWorkloads.length, "namespace")} with workloads have a default-deny ingress policy`
          : `${withWorkloads.length - failingNamespaces.length} of ${plural(withWorkloads.length, "namespace")} with workloads have a default-deny ingress policy (missing: ${nameList(failingNamespaces)})`;
      const compText = `${covered} of ${plural(scan.workloads.length, "component")} selected by a NetworkPolicy${
        uncovered.length ? ` (not selected: ${nameList(uncovered.map(name))})` : ""
      }`;
      return {
        met: failingNamespaces.length === 0 && uncovered.length === 0,
        ratio: check.ratio,
        failingNamespaces,
        failingComponents: check.failing,
        evidence: `${nsText}; ${compText}`,
      };
    }
    case "any-pass": {
      const scan = ctx.scans[rule.environment];
      if (!scan) return noScan(rule.environment);
      const name = componentNamer(scan);
      const passing = objectsFor(scan, [rule.control]).filter((w) => statusOf(w, rule.control) === "pass");
      return {
        met: passing.length > 0,
        evidence:
          passing.length === 0
            ? `No ${rule.environment} component passes ${rule.control} yet`
            : `${plural(passing.length, "component")} pass ${rule.control}: ${nameList(passing.map(name))}`,
      };
    }
    case "maturity": {
      const m = ctx.maturity;
      if (m === null || m === undefined) return { met: false, evidence: "Maturity not computed" };
      return {
        met: m >= rule.min,
        ratio: m,
        evidence: `Maturity ${formatPercent(m, 1)} (needs ${formatPercent(rule.min)})`,
      };
    }
    case "milestones-done": {
      const defs = new Map((ctx.milestones ?? []).map((m) => [m.id, m]));
      const missing = rule.milestones.filter((id) => {
        const def = defs.get(id);
        return !milestoneDone(def ?? { id }, ctx.state).done;
      });
      const done = rule.milestones.length - missing.length;
      const title = (id: string) => defs.get(id)?.title ?? id;
      return {
        met: missing.length === 0,
        missingMilestones: missing,
        evidence: `${done} of ${plural(rule.milestones.length, "milestone")} done${
          missing.length ? `; open: ${nameList(missing.map(title))}` : ""
        }`,
      };
    }
  }
}

export function evaluateExitCriterion(criterion: ExitCriterion, ctx: CriterionContext): CriterionResult {
  return {
    id: criterion.id,
    title: criterion.title,
    ...(criterion.workStream !== undefined ? { workStream: criterion.workStream } : {}),
    type: criterion.rule.type,
    automatic: criterion.rule.type !== "manual",
    ...evaluateRule(criterion, ctx),
  };
}

export function evaluateExitCriteria(
  criteria: readonly ExitCriterion[],
  ctx: CriterionContext,
): CriterionResult[] {
  return criteria.map((c) => evaluateExitCriterion(c, ctx));
}

/** A period's manual criterion ticked for work done outside the period says so (the report counts its done-on day). */
function outsidePeriod(
  c: CriterionResult,
  period: { label: string; start: string; end: string },
): CriterionResult {
  if (!c.metState) return c;
  const on = doneOnDay(c.metState);
  if (on >= period.start && on <= period.end) return c;
  return { ...c, evidence: `${c.evidence}; done ${on}, outside ${period.label}` };
}

export type PeriodCriteria = { periodId: string; label: string; criteria: CriterionResult[] };

/** Every exit criterion of a phase: per period ("Week 1", …) and the phase's own. */
export function evaluatePhaseExitCriteria(
  phase: Pick<Phase, "weeks" | "exitCriteria" | "milestones">,
  ctx: Omit<CriterionContext, "milestones">,
): { periods: PeriodCriteria[]; phase: CriterionResult[] } {
  const full = { ...ctx, milestones: phase.milestones };
  return {
    periods: phase.weeks.map((w) => ({
      periodId: w.id,
      label: w.label,
      criteria: evaluateExitCriteria(w.exitCriteria, full).map((c) => outsidePeriod(c, w)),
    })),
    phase: evaluateExitCriteria(phase.exitCriteria, full),
  };
}
