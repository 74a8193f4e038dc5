import type { ControlChange, ScanDiff } from "./diff-scans.ts";

const escapeCell = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

function changeRows(changes: ControlChange[]): string {
  if (!changes.length) return "_None._\n";
  const rows = changes.map(
    (c) =>
      `| ${escapeCell(c.category)} | ${escapeCell(`${c.kind}/${c.namespace}/${c.name}`)} | \`${c.control}\` | ${c.from} → ${c.to} |`,
  );
  return `${["| Category | Component | Control | Change |", "|---|---|---|---|", ...rows].join("\n")}\n`;
}

/** The diff as GitHub-flavoured Markdown: totals, then per-category counts, then each change. */
export function renderDiffMarkdown(diff: ScanDiff): string {
  const t = diff.totals;
  const out: string[] = [
    "# Scan diff",
    "",
    `**${t.fixed} fixed**, **${t.regressed} regressed**, ${t.waived} newly waived, ${t.added} components added, ${t.removed} removed, ${t.unchanged} unchanged${diff.policiesChanged.length ? `, ${diff.policiesChanged.length} ${diff.policiesChanged.length === 1 ? "policy" : "policies"} changed` : ""}.`,
    "",
  ];
  const categories = Object.entries(diff.byCategory).sort(([a], [b]) => a.localeCompare(b));
  if (categories.length) {
    out.push("| Category | Added | Removed | Fixed | Regressed | Waived |", "|---|---|---|---|---|---|");
    for (const [name, c] of categories)
      out.push(
        `| ${escapeCell(name)} | ${c.added} | ${c.removed} | ${c.fixed} | ${c.regressed} | ${c.waived} |`,
      );
    out.push("");
  }
  const refs = (list: ScanDiff["added"]) =>
    list.length
      ? `${list.map((r) => `- ${escapeCell(`${r.kind}/${r.namespace}/${r.name}`)} (${escapeCell(r.category)})`).join("\n")}\n`
      : "_None._\n";
  if (diff.policiesChanged.length) {
    out.push(
      "## Policies changed",
      "",
      "The text of these policies changed between the scans: their result changes are not counted as fixed or regressed.",
      "",
      "| Policy | Before | After | Result changes not counted |",
      "|---|---|---|---|",
      ...diff.policiesChanged.map(
        (p) => `| \`${escapeCell(p.control)}\` | \`${p.fromHash}\` | \`${p.toHash}\` | ${p.changes} |`,
      ),
      "",
    );
  }
  out.push("## Regressed", "", changeRows(diff.regressed), "## Fixed", "", changeRows(diff.fixed));
  out.push("## Newly waived", "", changeRows(diff.waived));
  out.push("## Components added", "", refs(diff.added), "## Components removed", "", refs(diff.removed));
  return out.join("\n");
}
