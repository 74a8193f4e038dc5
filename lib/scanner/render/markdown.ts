/** Markdown report: per-category tables (Component | Pattern | Security Features) and a control summary. */
import { CONTROL_DEFINITIONS } from "../controls/index.ts";
import { PATTERNS_BY_ID } from "../patterns.ts";
import type { ScanResult } from "../schema.ts";
import {
  applicableRate,
  evaluatedPolicies,
  failingControls,
  featureBadges,
  groupByCategory,
  percent,
  policiesNotEvaluated,
} from "./common.ts";

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderMarkdown(result: ScanResult): string {
  const out: string[] = [];
  const s = result.summary;
  out.push("# Rampart scan report", "");
  out.push(
    `**Workloads**: ${s.workloads} · **PSS**: ${s.pssLevels.restricted} restricted, ${s.pssLevels.baseline} baseline, ${s.pssLevels.privileged} privileged` +
      (s.expiredExceptions ? ` · **Expired exceptions**: ${s.expiredExceptions}` : ""),
    "",
  );
  for (const [category, list] of groupByCategory(result)) {
    out.push(`### ${cell(category)} (${list.length} ${list.length === 1 ? "workload" : "workloads"})`);
    out.push(
      "| Component | Pattern | Security Features | Open items |",
      "|-----------|---------|-------------------|------------|",
    );
    for (const w of list) {
      const pattern = PATTERNS_BY_ID.get(w.pattern)?.title ?? w.pattern;
      const fails = failingControls(w);
      out.push(
        `| **${cell(w.name)}** (${w.kind}, ${cell(w.namespace)}) | ${cell(pattern)} | ${cell(featureBadges(w.features).join(", ") || "none")} | ${fails.length ? cell(fails.join(", ")) : "none"} |`,
      );
    }
    out.push("");
  }
  out.push("## Controls", "");
  out.push(
    "| Control | Category | Pass | Fail | Waived | N/A | Where applicable |",
    "|---|---|---|---|---|---|---|",
  );
  for (const c of CONTROL_DEFINITIONS) {
    const n = s.controls[c.id];
    if (!n) continue;
    out.push(
      `| ${c.title} (\`${c.id}\`) | ${c.category} | ${n.pass} | ${n.fail} | ${n.waived} | ${n["n/a"]} | ${percent(applicableRate(n))} |`,
    );
  }
  for (const p of evaluatedPolicies(result)) {
    const n = s.controls[`vap:${p.name}`];
    if (n)
      out.push(
        `| Policy ${cell(p.name)} (\`vap:${cell(p.name)}\`, ${p.validationActions.join("/")}) | policy | ${n.pass} | ${n.fail} | ${n.waived} | ${n["n/a"]} | ${percent(applicableRate(n))} |`,
      );
  }
  out.push("");
  const unbound = policiesNotEvaluated(result);
  if (unbound.length) {
    out.push("## Policies not evaluated", "");
    for (const p of unbound)
      out.push(`- ⚠ \`vap:${cell(p.name)}\` (${cell(p.source)}): ${cell(p.notEvaluated ?? "")}`);
    out.push("");
  }
  const failingResources = (result.resources ?? []).filter((r) => failingControls(r).length);
  if (failingResources.length) {
    out.push("## Other objects failing policies", "", "| Object | Failing policies |", "|---|---|");
    for (const r of failingResources)
      out.push(
        `| ${cell(`${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}`)} | ${cell(failingControls(r).join(", "))} |`,
      );
    out.push("");
  }
  if (result.errors.length) {
    out.push("## Errors", "");
    for (const e of result.errors)
      out.push(`- \`${cell(e.file)}\` (document ${e.document}): ${cell(e.message)}`);
    out.push("");
  }
  return `${out.join("\n")}\n`;
}
