/** The report as GitHub-flavoured Markdown, in the order and shape of the hand-written session summary. */
import { plural } from "@/lib/metrics";
import { markdownCell as cell, markdownText as text } from "./escape";
import {
  CHANGE_TEXT,
  day,
  executiveSummary,
  NO_ROADMAP,
  nextActions,
  percent,
  qualityLines,
  SUCCESS_GROUPS,
  scanText,
  statusText,
  successFactors,
} from "./format";
import { noteToMarkdown } from "./notes-markdown";
import type { Report, ReportCriterion } from "./schema";

const table = (head: string[], rows: string[][]) => [
  `| ${head.join(" | ")} |`,
  `|${head.map(() => "---").join("|")}|`,
  ...rows.map((r) => `| ${r.join(" | ")} |`),
];

const bullets = (items: string[]) => (items.length ? items.map((i) => `- ${i}`) : ["_None._"]);

const criterionLine = (c: ReportCriterion) =>
  `- [${c.met ? "x" : " "}] ${text(c.title)} (${c.automatic ? "automatic" : "manual"}: ${text(c.evidence)})`;

export function renderMarkdown(r: Report): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  const env = text(r.environment);

  push(`# ${text(r.title)}`, "");
  push(
    `**Project**: ${text(r.project.name)} (${text(r.project.slug)})  `,
    `**Environment**: ${env}  `,
    `**Period**: ${text(r.period.label)}, ${text(r.period.title)} (${r.period.start} to ${r.period.end})  `,
    `**Scans**: ${text(scanText(r.scans.before))} → ${text(scanText(r.scans.after))}  `,
  );
  if (r.phase && r.overall)
    push(
      `**Overall Progress**: ${percent(r.overall.progress)} of ${text(r.phase.name)}  `,
      `**Status**: ${statusText(r.overall.status)} (planned ${percent(r.overall.planned)} by ${r.period.end})  `,
    );
  push(`**Generated**: ${r.generatedAt}`, "");
  if (!r.phase) push(`_${NO_ROADMAP}_`, "");
  push("---", "");

  push("## Executive Summary", "");
  if (r.phase?.goal) push(text(r.phase.goal), "");
  push(...bullets(executiveSummary(r).map(text)), "", "---", "");

  const all = r.categories.flatMap((c) => c.components);
  const hardened = all.filter((c) => c.hardened);
  push(`## Completed Components (${r.hardening.hardened} of ${r.hardening.inScope} hardened)`, "");
  for (const category of r.categories) {
    const done = category.components.filter((c) => c.hardened);
    if (done.length === 0) continue;
    push(`### ${text(category.name)} (${plural(done.length, "component")})`);
    push(
      ...table(
        ["Component", "Pattern", "Security Features"],
        done.map((c) => [
          `**${cell(c.name)}**`,
          cell(c.patternTitle),
          cell(c.features.join(", ") || "none recorded"),
        ]),
      ),
      "",
    );
  }
  const files = new Set(hardened.map((c) => c.file));
  push(
    `**Total**: ${r.hardening.hardened} of ${r.hardening.inScope} components hardened across ${plural(files.size, "file")} (${percent(r.hardening.ratio)} of ${env})`,
    "",
    "---",
    "",
  );

  push("## Security Patterns in Use", "");
  if (r.patterns.length === 0) push("_None._", "");
  r.patterns.forEach((p, i) => {
    push(`### Pattern ${i + 1}: ${text(p.title)}`, `**Use Case**: ${text(p.description)}`, "");
    push("```yaml", p.snippet.replace(/```/g, "'''").trimEnd(), "```", "");
    push(`**Applied to** (${p.components.length}): ${p.components.map(text).join(", ")}`, "");
  });
  push("---", "");

  if (r.phase && r.overall && r.maturity) {
    push("## Progress Metrics", "", `### Hardening (${env})`, "");
    push(
      ...table(
        ["Metric", "Target", "Achieved", "% Complete", "Status"],
        r.metrics.map((m) => [
          `**${cell(m.label)}**`,
          String(m.target),
          String(m.achieved),
          percent(m.ratio),
          cell(`${statusText(m.status)}${m.note ? ` (${m.note})` : ""}`),
        ]),
      ),
      "",
    );
    push("### Overall Phase Progress", "");
    push(
      ...table(
        ["Work Stream", "Weeks", "Progress", "Notes"],
        [
          ...r.workStreams.map((w) => [cell(w.name), w.weeks, percent(w.progress), cell(w.label)]),
          ["**Overall**", "", `**${percent(r.overall.progress)}**`, cell(r.overall.explanation)],
        ],
      ),
      "",
      `**Maturity**: ${text(r.maturity.explanation)}`,
      "",
      "---",
      "",
    );
  }

  push("## Remaining Work", "");
  const rem = r.remaining;
  push(
    `### Components Still Failing (${rem.failingComponents.length})`,
    ...bullets(
      rem.failingComponents.map(
        (c) => `**${text(c.name)}** (${text(c.file)}): ${c.controls.map(text).join(", ")}`,
      ),
    ),
    "",
    `### Namespaces Without Default-Deny (${rem.namespacesWithoutDefaultDeny.length})`,
    ...bullets(rem.namespacesWithoutDefaultDeny.map(text)),
    "",
    `### Components Without PDBs (${rem.componentsWithoutPdb.length})`,
    ...bullets(rem.componentsWithoutPdb.map(text)),
    "",
  );
  for (const o of rem.otherEnvironments) {
    push(`### Unhardened ${text(o.environment)} Files (${o.files.length})`);
    if (!o.scanned) push(`_No scan of ${text(o.environment)} yet._`);
    else push(...bullets(o.files.map((f) => `${text(f.file)}: ${f.components.map(text).join(", ")}`)));
    push("");
  }
  push("---", "");

  push(`## Files Changed (${text(scanText(r.scans.before))} → ${text(scanText(r.scans.after))})`, "");
  if (!r.scans.before) push("_No earlier scan to compare with._", "");
  else if (r.files.length === 0) push("_No changes._", "");
  r.files.forEach((f, i) => {
    push(`${i + 1}. ${text(f.file)}`);
    for (const c of f.changes)
      push(
        `   - ${text(c.component)}: ${CHANGE_TEXT[c.change]}${c.controls.length ? ` ${c.controls.map(text).join(", ")}` : ""}`,
      );
  });
  if (r.files.length) push("");
  push("---", "");

  const note = (value: string) =>
    value.trim() ? noteToMarkdown(value, 2) : "_None written for this period._";
  if (r.phase) push("## Key Learnings", "", note(r.notes.keyLearnings), "", "---", "");

  push("## Success Factors", "");
  const factors = successFactors(r);
  for (const [group, title] of SUCCESS_GROUPS)
    if (factors[group].length)
      push(`### ${title}`, ...factors[group].map((f, i) => `${i + 1}. ${text(f)}`), "");
  if (SUCCESS_GROUPS.every(([g]) => factors[g].length === 0)) push("_None shown by the data yet._", "");
  push("---", "");

  push("## Next Session Plan", "", "### Immediate Actions", ...bullets(nextActions(r).map(text)), "");
  const next = r.nextSession.period;
  if (next)
    push(
      `### ${text(next.label)} Goals (${next.start} to ${next.end}): ${text(next.title)}`,
      ...bullets(next.goals.map(text)),
      "",
    );
  if (r.phase) {
    push(`### Open Milestones (${r.nextSession.milestones.length})`);
    push(
      ...bullets(
        r.nextSession.milestones.map(
          (m) =>
            `${text(m.title)} (${text(m.workStream)}, week ${m.week}, due ${m.due}${m.overdue ? ", **overdue**" : ""})`,
        ),
      ),
      "",
    );
  }
  push("---", "");

  push("## Resource Summary", "", "### Components and Files in Scope", "");
  push(
    ...table(
      ["Environment", "Latest Scan", "Scans in Period", "Components", "Hardened", "Files", "Namespaces"],
      r.resources.map((x) => [
        cell(x.environment),
        cell(scanText(x.scan)),
        String(x.scansInPeriod),
        String(x.components),
        x.inScope ? `${x.hardened} of ${x.inScope}` : "n/a",
        String(x.files),
        String(x.namespaces),
      ]),
    ),
    "",
    `**Hardening controls**: ${r.hardening.controls.map(text).join(", ") || "none"}${r.hardening.workStream ? ` (${text(r.hardening.workStream)})` : " (the scanner's hardening controls)"}`,
    "",
    "---",
    "",
  );

  push(`## Quality Metrics (${text(scanText(r.scans.before))} → ${text(scanText(r.scans.after))})`, "");
  push(
    ...bullets(
      qualityLines(r).map(
        (l) => `**${text(l.label)}**${l.note ? ` (${text(l.note)})` : ""}: ${text(l.value)}`,
      ),
    ),
    "",
    "---",
    "",
  );

  const activity = () => {
    if (r.activity.length === 0) push("_None._", "");
    else
      push(
        ...table(
          ["When", "Who", "What"],
          r.activity.map((a) => [day(a.at), cell(a.by), cell(a.summary)]),
        ),
        "",
      );
  };
  if (!r.phase) {
    push("## Recorded Changes During the Period", "");
    activity();
    return `${out.join("\n")}\n`;
  }

  push("## Roadmap Status", "");
  for (const w of r.roadmap) {
    push(`### ${text(w.label)} (${w.start} to ${w.end}): ${text(w.title)}`);
    push(...w.goals.map((g) => `- ${text(g)}`));
    push(
      `- **Status**: ${statusText(w.status)}${w.criteriaTotal ? ` (${w.criteriaMet} of ${plural(w.criteriaTotal, "exit criterion", "exit criteria")} met)` : ""}`,
      "",
    );
  }
  push("---", "");

  push("## Exit Criteria Tracking", "");
  for (const p of r.exitCriteria.periods) {
    if (p.criteria.length === 0) continue;
    push(
      `### ${text(p.label)} Criteria${p.current ? " (Current)" : ""}`,
      ...p.criteria.map(criterionLine),
      "",
    );
  }
  push(`### ${text(r.phase.name)} Exit Criteria`, ...r.exitCriteria.phase.map(criterionLine), "", "---", "");

  push("## Handoff Notes", "", note(r.notes.handoff), "");
  push("### Recorded Changes During the Period", "");
  activity();
  return `${out.join("\n")}\n`;
}
