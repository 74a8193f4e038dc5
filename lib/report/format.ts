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
  lines.push(
    `Overall ${r.phase.name} progress: ${percent(r.overall.progress)} (planned ${percent(r.overall.planned)} by ${r.period.end}), ${statusText(r.overall.status).toLowerCase()}.`,
  );
  lines.push(`Maturity: ${r.maturity.explanation} (target ${percent(r.maturity.target)}).`);
  const current = r.exitCriteria.periods.find((p) => p.current);
  const met = (list: { met: boolean }[]) => `${list.filter((c) => c.met).length} of ${list.length}`;
  lines.push(
    `Exit criteria met: ${current ? `${met(current.criteria)} for ${current.label}, ` : ""}${met(r.exitCriteria.phase)} for the phase.`,
  );
  const t = r.changeTotals;
  if (r.scans.before)
    lines.push(
      `Since ${scanText(r.scans.before)}: ${t.fixed} controls fixed, ${t.regressed} regressed, ${t.waived} newly waived, ${plural(t.added, "component")} added, ${t.removed} removed.`,
    );
  lines.push(
    `Remaining: ${plural(r.remaining.failingComponents.length, "component")} still failing, ${plural(r.remaining.namespacesWithoutDefaultDeny.length, "namespace")} without default-deny, ${plural(r.remaining.componentsWithoutPdb.length, "component")} without a PDB.`,
  );
  return lines;
}
