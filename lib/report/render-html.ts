/**
 * The report as one self-contained HTML page (inline CSS, SVG charts drawn from the model, no scripts, no external
 * fetches): the in-app preview and the page headless Chromium prints to PDF. Every text goes through escapeHtml.
 */
import { plural } from "@/lib/metrics";
import { escapeHtml as h } from "./escape";
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
import { noteToHtml } from "./notes-markdown";
import type { Report, ReportCriterion } from "./schema";

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 system-ui, "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1b1f24; margin: 0; padding: 24px; }
h1 { font-size: 20pt; margin: 0 0 8px; }
h2 { font-size: 14pt; margin: 22px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #d0d7de; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 14px 0 6px; break-after: avoid; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 8px; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; font-size: 9.5pt; }
th, td { border: 1px solid #d0d7de; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f0f3f6; }
th:first-child { width: 24%; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; padding: 8px; font-size: 8.5pt; white-space: pre-wrap; break-inside: avoid; }
.notes { background: #fffdf5; border: 1px solid #eadfb8; padding: 4px 10px; margin: 4px 0 10px; }
.notes h3, .notes h4, .notes h5, .notes h6 { font-size: 10.5pt; margin: 8px 0 4px; }
code { font-size: 9pt; }
ul.checks { list-style: none; padding-left: 0; }
ul.checks li { margin: 2px 0; }
.met { color: #116329; font-weight: 700; }
.unmet { color: #82071e; font-weight: 700; }
.status-complete { color: #116329; } .status-on-track { color: #0550ae; }
.status-behind, .status-overdue { color: #82071e; } .status-not-started, .status-upcoming { color: #57606a; }
.muted { color: #57606a; }
.evidence { color: #57606a; font-size: 9pt; }
figure { margin: 6px 0 12px; break-inside: avoid; }
figcaption { font-size: 9pt; color: #57606a; }
@media print { body { padding: 0; } }
`;

const statusSpan = (status: string) => `<span class="status-${h(status)}">${h(statusText(status))}</span>`;

function tableHtml(head: string[], rows: string[][], numeric: number[] = []): string {
  const cls = (i: number) => (numeric.includes(i) ? ' class="num"' : "");
  return `<table><thead><tr>${head.map((c, i) => `<th scope="col"${cls(i)}>${h(c)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

const list = (items: string[]) =>
  items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>` : `<p class="muted">None.</p>`;

/** Horizontal bars, one per row (0..1), with the percentage at the end. */
function barChart(
  title: string,
  rows: { label: string; value: number | null; before?: number | null }[],
): string {
  const rowH = 22;
  const labelW = 190;
  const barW = 380;
  const height = rows.length * rowH + 8;
  const bars = rows
    .map((r, i) => {
      const y = i * rowH + 4;
      const w = Math.max(0, Math.min(1, r.value ?? 0)) * barW;
      const before =
        r.before !== undefined && r.before !== null
          ? `<rect x="${labelW}" y="${y + 13}" width="${(Math.max(0, Math.min(1, r.before)) * barW).toFixed(1)}" height="4" fill="#8c959f"/>`
          : "";
      return `<text x="${labelW - 6}" y="${y + 12}" text-anchor="end" font-size="10">${h(r.label)}</text><rect x="${labelW}" y="${y}" width="${barW}" height="12" fill="#eaeef2"/><rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="12" fill="#2da44e"/>${before}<text x="${labelW + barW + 6}" y="${y + 11}" font-size="10">${h(percent(r.value))}</text>`;
    })
    .join("");
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${h(title)}" width="${labelW + barW + 50}" height="${height}" viewBox="0 0 ${labelW + barW + 50} ${height}" font-family="system-ui, DejaVu Sans, sans-serif">${bars}</svg><figcaption>${h(title)}</figcaption></figure>`;
}

const criterionItem = (c: ReportCriterion) =>
  `<li><span class="${c.met ? "met" : "unmet"}" aria-label="${c.met ? "met" : "not met"}">${c.met ? "☑" : "☐"}</span> ${h(c.title)} <span class="evidence">(${c.automatic ? "automatic" : "manual"}: ${h(c.evidence)})</span></li>`;

export function renderHtml(r: Report): string {
  const s: string[] = [];
  const push = (...parts: string[]) => s.push(...parts);
  const env = h(r.environment);

  push(`<h1>${h(r.title)}</h1>`);
  const progress =
    r.phase && r.overall
      ? `<dt>Overall Progress</dt><dd><strong>${percent(r.overall.progress)}</strong> of ${h(r.phase.name)}</dd><dt>Status</dt><dd>${statusSpan(r.overall.status)} (planned ${percent(r.overall.planned)} by ${h(r.period.end)})</dd>`
      : "";
  push(
    `<dl class="meta"><dt>Project</dt><dd>${h(r.project.name)} (${h(r.project.slug)})</dd><dt>Environment</dt><dd>${env}</dd><dt>Period</dt><dd>${h(r.period.label)}, ${h(r.period.title)} (${h(r.period.start)} to ${h(r.period.end)})</dd><dt>Scans</dt><dd>${h(scanText(r.scans.before))} → ${h(scanText(r.scans.after))}</dd>${progress}<dt>Generated</dt><dd>${h(r.generatedAt)}</dd></dl>`,
  );
  if (!r.phase) push(`<p class="muted" id="no-roadmap">${h(NO_ROADMAP)}</p>`);

  push(`<section id="executive-summary"><h2>Executive Summary</h2>`);
  if (r.phase?.goal) push(`<p>${h(r.phase.goal)}</p>`);
  push(list(executiveSummary(r).map(h)), `</section>`);

  push(
    `<section id="completed-components"><h2>Completed Components (${r.hardening.hardened} of ${r.hardening.inScope} hardened)</h2>`,
  );
  for (const category of r.categories) {
    const done = category.components.filter((c) => c.hardened);
    if (done.length === 0) continue;
    push(`<h3>${h(category.name)} (${plural(done.length, "component")})</h3>`);
    push(
      tableHtml(
        ["Component", "Pattern", "Security Features"],
        done.map((c) => [
          `<strong>${h(c.name)}</strong>`,
          h(c.patternTitle),
          h(c.features.join(", ") || "none recorded"),
        ]),
      ),
    );
  }
  const files = new Set(
    r.categories.flatMap((c) => c.components.filter((x) => x.hardened).map((x) => x.file)),
  );
  push(
    `<p><strong>Total</strong>: ${r.hardening.hardened} of ${r.hardening.inScope} components hardened across ${plural(files.size, "file")} (${percent(r.hardening.ratio)} of ${env})</p></section>`,
  );

  push(`<section id="security-patterns"><h2>Security Patterns in Use</h2>`);
  if (r.patterns.length === 0) push(`<p class="muted">None.</p>`);
  r.patterns.forEach((p, i) => {
    push(
      `<h3>Pattern ${i + 1}: ${h(p.title)}</h3><p><strong>Use Case</strong>: ${h(p.description)}</p><pre><code>${h(p.snippet.trimEnd())}</code></pre><p><strong>Applied to</strong> (${p.components.length}): ${p.components.map(h).join(", ")}</p>`,
    );
  });
  push(`</section>`);

  const { overall, maturity } = r;
  if (r.phase && overall && maturity) {
    push(`<section id="progress-metrics"><h2>Progress Metrics</h2><h3>Hardening (${env})</h3>`);
    push(
      tableHtml(
        ["Metric", "Target", "Achieved", "% Complete", "Status"],
        r.metrics.map((m) => [
          `<strong>${h(m.label)}</strong>`,
          String(m.target),
          String(m.achieved),
          percent(m.ratio),
          `${statusSpan(m.status)}${m.note ? ` <span class="evidence">(${h(m.note)})</span>` : ""}`,
        ]),
        [1, 2, 3],
      ),
    );
    push(`<h3>Overall Phase Progress</h3>`);
    push(
      barChart(`Progress by work stream; overall ${percent(overall.progress)}`, [
        ...r.workStreams.map((w) => ({ label: w.name, value: w.progress })),
        { label: "Overall", value: overall.progress },
      ]),
    );
    push(
      tableHtml(
        ["Work Stream", "Weeks", "Progress", "Notes"],
        [
          ...r.workStreams.map((w) => [h(w.name), h(w.weeks), percent(w.progress), h(w.label)]),
          [
            "<strong>Overall</strong>",
            "",
            `<strong>${percent(overall.progress)}</strong>`,
            h(overall.explanation),
          ],
        ],
        [2],
      ),
      `<p><strong>Maturity</strong>: ${h(maturity.explanation)}</p></section>`,
    );
  }

  const rem = r.remaining;
  push(`<section id="remaining-work"><h2>Remaining Work</h2>`);
  push(
    `<h3>Components Still Failing (${rem.failingComponents.length})</h3>`,
    list(
      rem.failingComponents.map(
        (c) => `<strong>${h(c.name)}</strong> (${h(c.file)}): ${c.controls.map(h).join(", ")}`,
      ),
    ),
    `<h3>Namespaces Without Default-Deny (${rem.namespacesWithoutDefaultDeny.length})</h3>`,
    list(rem.namespacesWithoutDefaultDeny.map(h)),
    `<h3>Components Without PDBs (${rem.componentsWithoutPdb.length})</h3>`,
    list(rem.componentsWithoutPdb.map(h)),
  );
  for (const o of rem.otherEnvironments) {
    push(`<h3>Unhardened ${h(o.environment)} Files (${o.files.length})</h3>`);
    push(
      o.scanned
        ? list(o.files.map((f) => `${h(f.file)}: ${f.components.map(h).join(", ")}`))
        : `<p class="muted">No scan of ${h(o.environment)} yet.</p>`,
    );
  }
  push(`</section>`);

  push(
    `<section id="files-changed"><h2>Files Changed (${h(scanText(r.scans.before))} → ${h(scanText(r.scans.after))})</h2>`,
  );
  if (!r.scans.before) push(`<p class="muted">No earlier scan to compare with.</p>`);
  else if (r.files.length === 0) push(`<p class="muted">No changes.</p>`);
  else
    push(
      `<ol>${r.files
        .map(
          (f) =>
            `<li><code>${h(f.file)}</code><ul>${f.changes
              .map(
                (c) =>
                  `<li>${h(c.component)}: ${h(CHANGE_TEXT[c.change])}${c.controls.length ? ` ${c.controls.map(h).join(", ")}` : ""}</li>`,
              )
              .join("")}</ul></li>`,
        )
        .join("")}</ol>`,
    );
  push(`</section>`);

  const note = (text: string) =>
    text.trim()
      ? `<div class="notes">${noteToHtml(text, 3)}</div>`
      : `<p class="muted">None written for this period.</p>`;
  if (r.phase)
    push(`<section id="key-learnings"><h2>Key Learnings</h2>${note(r.notes.keyLearnings)}</section>`);

  push(`<section id="success-factors"><h2>Success Factors</h2>`);
  const factors = successFactors(r);
  for (const [group, title] of SUCCESS_GROUPS)
    if (factors[group].length)
      push(`<h3>${h(title)}</h3><ol>${factors[group].map((f) => `<li>${h(f)}</li>`).join("")}</ol>`);
  if (SUCCESS_GROUPS.every(([g]) => factors[g].length === 0))
    push(`<p class="muted">None shown by the data yet.</p>`);
  push(`</section>`);

  push(
    `<section id="next-session-plan"><h2>Next Session Plan</h2><h3>Immediate Actions</h3>`,
    list(nextActions(r).map(h)),
  );
  const next = r.nextSession.period;
  if (next)
    push(
      `<h3>${h(next.label)} Goals (${h(next.start)} to ${h(next.end)}): ${h(next.title)}</h3>`,
      list(next.goals.map(h)),
    );
  if (r.phase)
    push(
      `<h3>Open Milestones (${r.nextSession.milestones.length})</h3>`,
      list(
        r.nextSession.milestones.map(
          (m) =>
            `${h(m.title)} <span class="evidence">(${h(m.workStream)}, week ${m.week}, due ${h(m.due)})</span>${m.overdue ? ' <span class="status-overdue">overdue</span>' : ""}`,
        ),
      ),
    );
  push(`</section>`);

  push(`<section id="resource-summary"><h2>Resource Summary</h2><h3>Components and Files in Scope</h3>`);
  push(
    tableHtml(
      ["Environment", "Latest Scan", "Scans in Period", "Components", "Hardened", "Files", "Namespaces"],
      r.resources.map((x) => [
        h(x.environment),
        h(scanText(x.scan)),
        String(x.scansInPeriod),
        String(x.components),
        x.inScope ? `${x.hardened} of ${x.inScope}` : "n/a",
        String(x.files),
        String(x.namespaces),
      ]),
      [2, 3, 4, 5, 6],
    ),
    `<p><strong>Hardening controls</strong>: ${h(r.hardening.controls.join(", ") || "none")}${r.hardening.workStream ? ` (${h(r.hardening.workStream)})` : " (the scanner's hardening controls)"}</p></section>`,
  );

  push(
    `<section id="quality-metrics"><h2>Quality Metrics (${h(scanText(r.scans.before))} → ${h(scanText(r.scans.after))})</h2>`,
  );
  push(
    barChart(
      "Pass rate after (green) and before (grey line)",
      r.quality.map((q) => ({ label: q.label, value: q.after, before: q.before })),
    ),
  );
  push(
    list(
      qualityLines(r).map(
        (l) => `<strong>${h(l.label)}</strong>${l.note ? ` (${h(l.note)})` : ""}: ${h(l.value)}`,
      ),
    ),
    `</section>`,
  );

  const activity = () =>
    r.activity.length
      ? tableHtml(
          ["When", "Who", "What"],
          r.activity.map((a) => [h(day(a.at)), h(a.by), h(a.summary)]),
        )
      : `<p class="muted">None.</p>`;
  if (!r.phase) {
    push(`<section id="recorded-changes"><h2>Recorded Changes During the Period</h2>${activity()}</section>`);
  } else {
    push(`<section id="roadmap-status"><h2>Roadmap Status</h2>`);
    for (const w of r.roadmap) {
      push(
        `<h3>${h(w.label)} (${h(w.start)} to ${h(w.end)}): ${h(w.title)}</h3>`,
        list([
          ...w.goals.map(h),
          `<strong>Status</strong>: ${statusSpan(w.status)}${w.criteriaTotal ? ` (${w.criteriaMet} of ${plural(w.criteriaTotal, "exit criterion", "exit criteria")} met)` : ""}`,
        ]),
      );
    }
    push(`</section>`);

    push(`<section id="exit-criteria"><h2>Exit Criteria Tracking</h2>`);
    for (const p of r.exitCriteria.periods) {
      if (p.criteria.length === 0) continue;
      push(
        `<h3>${h(p.label)} Criteria${p.current ? " (Current)" : ""}</h3><ul class="checks">${p.criteria.map(criterionItem).join("")}</ul>`,
      );
    }
    push(
      `<h3>${h(r.phase.name)} Exit Criteria</h3><ul class="checks">${r.exitCriteria.phase.map(criterionItem).join("")}</ul></section>`,
    );

    push(
      `<section id="handoff-notes"><h2>Handoff Notes</h2>${note(r.notes.handoff)}<h3>Recorded Changes During the Period</h3>${activity()}</section>`,
    );
  }

  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${h(r.title)}</title><style>${CSS}</style></head><body>${s.join("\n")}</body></html>\n`;
}
