/** Wording shared by the report's renderers (Markdown, HTML, CSV), so every format says the same thing. */
import { formatPercent, plural } from "@/lib/metrics";
import type { Report } from "./schema";

export const STATUS_TEXT: Record<string, string> = {
  complete: "Complete",
  "on-track": "On track",
  behind: "Behind",
  "not-started": "Not started",
  current: "Current",
  overdue: "Overdue",
  upcoming: "Upcoming",
};

export const statusText = (status: string) => STATUS_TEXT[status] ?? status;

export const percent = (ratio: number | null | undefined) => formatPercent(ratio);

export const day = (iso: string) => iso.slice(0, 10);

export function scanText(scan: Report["scans"]["before"]): string {
  if (!scan) return "none";
  return `${day(scan.takenAt)}${scan.gitRef ? ` (${scan.gitRef})` : ""}`;
}

/** "+37 pts", "-5 pts", "±0 pts", or "" when unknown. */
export function deltaText(delta: number | null): string {
  if (delta === null) return "";
  const points = Math.round(delta * 100);
  return `${points > 0 ? "+" : points < 0 ? "-" : "±"}${Math.abs(points)} pts`;
}

export const CHANGE_TEXT: Record<string, string> = {
  added: "added",
  removed: "removed",
  fixed: "fixed",
  regressed: "regressed",
  waived: "newly waived",
  unwaived: "fix withdrawn behind an exception",
};

/** The executive summary's statements, from the model's figures only. */
export function executiveSummary(r: Report): string[] {
  const h = r.hardening;
  const lines: string[] = [];
  if (r.scans.after) {
    lines.push(
      h.controls.length
        ? `${h.hardened} of ${plural(h.inScope, `${r.environment} component`)} hardened (${percent(h.ratio)}), meeting ${h.controls.join(", ")}${h.workStream ? ` (${h.workStream})` : ""}.`
        : `${plural(h.components, `${r.environment} component`)} scanned.`,
    );
  } else lines.push(`No scan of ${r.environment} by ${r.period.end}.`);
  if (r.phase && r.overall && r.maturity) {
    lines.push(
      `Overall ${r.phase.name} progress: ${percent(r.overall.progress)} (planned ${percent(r.overall.planned)} by ${r.period.end}), ${statusText(r.overall.status).toLowerCase()}.`,
    );
    lines.push(`Maturity: ${r.maturity.explanation} (target ${percent(r.maturity.target)}).`);
    const current = r.exitCriteria.periods.find((p) => p.current);
    const met = (list: { met: boolean }[]) => `${list.filter((c) => c.met).length} of ${list.length}`;
    lines.push(
      `Exit criteria met: ${current ? `${met(current.criteria)} for ${current.label}, ` : ""}${met(r.exitCriteria.phase)} for the phase.`,
    );
  }
  const t = r.changeTotals;
  if (r.scans.before)
    lines.push(
      `Since ${scanText(r.scans.before)}: ${t.fixed} controls fixed, ${t.regressed} regressed, ${t.waived} newly waived, ${plural(t.added, "component")} added, ${t.removed} removed${policiesChangedText(r)}.`,
    );
  lines.push(
    `Remaining: ${plural(r.remaining.failingComponents.length, "component")} still failing, ${plural(r.remaining.namespacesWithoutDefaultDeny.length, "namespace")} without default-deny, ${plural(r.remaining.componentsWithoutPdb.length, "component")} without a PDB.`,
  );
  return lines;
}

/** "; policy vap:x changed (its 3 result changes not counted)" when a policy's text changed between the scans. */
function policiesChangedText(r: Report): string {
  const changed = r.policiesChanged;
  if (!changed.length) return "";
  const names = changed.map((p) => p.control).join(", ");
  const n = changed.reduce((sum, p) => sum + p.changes, 0);
  return `; ${changed.length === 1 ? "policy" : "policies"} ${names} changed (${plural(n, "result change")} not counted)`;
}

/** The one line that replaces the roadmap's sections when the program has none. */
export const NO_ROADMAP =
  "This program has no roadmap: progress metrics, key learnings, handoff notes, exit criteria and roadmap status are left out (import a program file on the Roadmap page to add them).";

/** "Immediate actions" of the next session's plan: the remaining work, from the model's figures only. */
export function nextActions(r: Report): string[] {
  const rem = r.remaining;
  const names = (list: string[]) =>
    list.length > 5 ? `${list.slice(0, 5).join(", ")} and ${list.length - 5} more` : list.join(", ");
  const lines: string[] = [];
  if (rem.failingComponents.length)
    lines.push(
      `Harden ${plural(rem.failingComponents.length, "component")} still failing: ${names(rem.failingComponents.map((c) => c.name))}.`,
    );
  if (rem.namespacesWithoutDefaultDeny.length)
    lines.push(
      `Add default-deny network policies to ${plural(rem.namespacesWithoutDefaultDeny.length, "namespace")}: ${names(rem.namespacesWithoutDefaultDeny)}.`,
    );
  if (rem.componentsWithoutPdb.length)
    lines.push(
      `Add pod disruption budgets for ${plural(rem.componentsWithoutPdb.length, "component")}: ${names(rem.componentsWithoutPdb)}.`,
    );
  for (const o of rem.otherEnvironments) {
    const count = o.files.reduce((n, f) => n + f.components.length, 0);
    if (!o.scanned) lines.push(`Scan ${o.environment} (no scan yet).`);
    else if (count)
      lines.push(
        `Harden ${plural(count, `${o.environment} component`)} in ${plural(o.files.length, "file")}.`,
      );
  }
  return lines;
}

export const SUCCESS_GROUPS = [
  ["technical", "Technical Excellence"],
  ["process", "Process Excellence"],
  ["risk", "Risk Mitigation"],
] as const;

/**
 * The seed's success factors that the data can vouch for, by group: each statement appears only when the
 * figures behind it hold (so it cannot claim more than the scans, the audit log and the exceptions show).
 */
export function successFactors(r: Report): Record<(typeof SUCCESS_GROUPS)[number][0], string[]> {
  const all = r.categories.flatMap((c) => c.components);
  const technical: string[] = [];
  const process: string[] = [];
  const risk: string[] = [];
  const patterned = new Set(r.patterns.flatMap((p) => p.components));
  if (r.patterns.length && patterned.size)
    technical.push(
      `Pattern-based hardening: ${plural(r.patterns.length, "security pattern")} ${r.patterns.length === 1 ? "covers" : "cover"} ${patterned.size} of ${plural(all.length, "component")}.`,
    );
  if (r.hardening.hardened)
    technical.push(
      `Defense in depth: ${r.hardening.hardened} of ${plural(r.hardening.inScope, "component")} meet every hardening control (${r.hardening.controls.join(", ")}).`,
    );
  const withoutDeny = new Set(r.remaining.namespacesWithoutDefaultDeny);
  const namespaces = new Set(all.map((c) => c.namespace));
  const denied = [...namespaces].filter((n) => !withoutDeny.has(n)).length;
  if (denied)
    technical.push(`Default-deny network policies in ${denied} of ${plural(namespaces.size, "namespace")}.`);

  const own = r.resources.find((x) => x.environment === r.environment);
  if (own && own.scansInPeriod > 1)
    process.push(
      `Incremental validation: ${plural(own.scansInPeriod, `scan`)} of ${r.environment} during the period.`,
    );
  const ticks = r.activity.filter(
    (a) => a.action === "milestone.done" || a.action === "criterion.met",
  ).length;
  if (ticks)
    process.push(
      `Clear tracking: ${plural(ticks, "milestone or exit criterion tick", "milestone and exit criterion ticks")} recorded with who and when.`,
    );
  const ratio = (x: { hardened: number; inScope: number }) => (x.inScope ? x.hardened / x.inScope : null);
  const others = r.resources.filter((x) => x.environment !== r.environment && x.scan && x.inScope);
  const ownRatio = own ? ratio(own) : null;
  if (ownRatio !== null && others.length && others.every((o) => (ratio(o) ?? 0) < ownRatio))
    process.push(
      `Prioritisation: ${r.environment} first (${percent(ownRatio)} hardened, against ${others.map((o) => `${percent(ratio(o))} in ${o.environment}`).join(", ")}).`,
    );
  if (r.overall && r.overall.status !== "behind")
    process.push(
      `On plan: ${percent(r.overall.progress)} done against ${percent(r.overall.planned)} planned by ${r.period.end}.`,
    );

  if (r.scans.before && r.changeTotals.regressed === 0)
    risk.push(
      `No regressions: no control that passed in ${scanText(r.scans.before)} fails in ${scanText(r.scans.after)}.`,
    );
  if (r.scans.before && r.changeTotals.removed === 0 && r.scans.after)
    risk.push(`Nothing dropped: every component of ${scanText(r.scans.before)} is still deployed.`);
  const waived = all.filter((c) => c.waived.length);
  if (waived.length)
    risk.push(
      `Documented exceptions: ${plural(waived.length, "component")} waived by a recorded exception, not left failing (${waived.map((c) => `${c.name}: ${c.waived.join(", ")}`).join("; ")}).`,
    );
  return { technical, process, risk };
}

/**
 * The quality metrics' lines: controls, production readiness and CIS. Renderers write "**label** (note): value".
 */
export function qualityLines(r: Report): { label: string; note?: string; value: string }[] {
  const change = (before: number | null, after: number | null, delta: number | null) =>
    `${percent(before)} → ${percent(after)}${delta !== null ? ` (${deltaText(delta)})` : ""}`;
  const lines: { label: string; note?: string; value: string }[] = r.quality.map((q) => ({
    label: q.label,
    value: change(q.before, q.after, q.delta),
  }));
  if (r.readiness)
    lines.push({
      label: "Production Readiness",
      note: "components meeting every hardening control",
      value: change(r.readiness.before, r.readiness.after, r.readiness.delta),
    });
  if (r.cis) {
    const { recommendations: all, before, after } = r.cis;
    const unmet = all.filter((x) => !x.after).map((x) => `${x.id} (${x.controls.join(", ")})`);
    lines.push({
      label: "CIS Kubernetes Benchmark",
      note: `${all.length} recommendations checked by the scans`,
      value: `${before === null ? "n/a" : `${before} met`} → ${after} of ${all.length} met${unmet.length ? `; not met: ${unmet.join(", ")}` : ""}`,
    });
  }
  return lines;
}
