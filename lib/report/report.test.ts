import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { csvField, markdownCell, safeFileName, startsFormula } from "./escape";
import { renderCsv } from "./render-csv";
import { renderHtml } from "./render-html";
import { renderMarkdown } from "./render-markdown";
import { reportSchema } from "./schema";
import {
  HOSTILE,
  hostileReport,
  policyChangedReport,
  roadmapFreeReport,
  SECTIONS,
  SECTIONS_WITHOUT_ROADMAP,
} from "./test-report";

const golden = readFileSync(join(import.meta.dirname, "__golden__", "maestro-final.md"), "utf8");

/** Table rows split on unescaped pipes. */
const cells = (row: string) =>
  row
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/);

function section(md: string, heading: string): string {
  const start = md.indexOf(`\n${heading}`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const level = heading.match(/^#+/)?.[0].length ?? 2;
  const rest = md.slice(start + 1 + heading.length);
  const end = rest.search(new RegExp(`\\n#{1,${level}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

const one = (md: string, re: RegExp): string => {
  const m = re.exec(md);
  if (!m) throw new Error(`no match for ${re}`);
  return m[1];
};

/**
 * Reads the figures back from the rendered Markdown and checks that every figure shown in two places agrees.
 * Returns the figures it compared, so a test can check that the checks ran.
 */
function checkConsistency(md: string) {
  const compared: string[] = [];
  const same = (what: string, values: string[]) => {
    expect(new Set(values), `${what}: ${values.join(" / ")}`).toHaveProperty("size", 1);
    compared.push(what);
  };

  // Overall progress: title block, executive summary, work-stream table, maturity explanation.
  same("overall progress", [
    one(md, /\*\*Overall Progress\*\*: (\d+%)/),
    one(section(md, "## Executive Summary"), /progress: (\d+%)/),
    one(md, /\| \*\*Overall\*\* \|[^|]*\| \*\*(\d+%)\*\* \|/),
    one(md, /\*\*Maturity\*\*: .* × (\d+%) /),
  ]);
  // Maturity: the maturity line and the maturity exit criterion's evidence.
  const maturity = one(md, /\*\*Maturity\*\*: .* = ([\d.]+%)/);
  const criterion = /Maturity ([\d.]+%) \(needs/.exec(md);
  if (criterion) same("maturity", [maturity, criterion[1]]);

  // Hardened components: summary, section heading, total line, and each category table's rows.
  const hardened = one(section(md, "## Executive Summary"), /(\d+ of \d+) \S+ components? hardened/);
  const completed = section(md, "## Completed Components");
  same("hardened components", [
    hardened,
    one(md, /## Completed Components \((\d+ of \d+) hardened\)/),
    one(completed, /\*\*Total\*\*: (\d+ of \d+) components hardened/),
  ]);
  let rows = 0;
  for (const m of completed.matchAll(/### .* \((\d+) components?\)\n\|.*\n\|.*\n((?:\|.*\n)*)/g)) {
    same(`category rows ${m[0].split("\n")[0]}`, [m[1], String(m[2].trim().split("\n").length)]);
    rows += Number(m[1]);
  }
  same("hardened rows", [hardened.split(" ")[0], String(rows)]);

  // Each control metric's % complete equals its "after" quality figure.
  const metrics = section(md, "### Hardening");
  const quality = section(md, "## Quality Metrics");
  for (const row of metrics.split("\n").filter((l) => l.startsWith("| **"))) {
    const [label, target, achieved, pct] = cells(row).map((c) => c.trim());
    const name = label.replace(/\*\*/g, "");
    const after = new RegExp(
      `\\*\\*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\*\\*: \\S+ → (\\S+)`,
    ).exec(quality);
    if (after) same(`metric ${name}`, [pct, after[1]]);
    const ratio = Number(target) === 0 ? "n/a" : `${Math.round((Number(achieved) / Number(target)) * 100)}%`;
    same(`metric ${name} ratio`, [pct, ratio]);
  }

  // Remaining work: counts in headings, list lengths and the executive summary.
  const summary = section(md, "## Executive Summary");
  for (const [heading, phrase] of [
    ["### Components Still Failing", /(\d+) components? still failing/],
    ["### Namespaces Without Default-Deny", /(\d+) namespaces? without default-deny/],
    ["### Components Without PDBs", /(\d+) components? without a PDB/],
  ] as const) {
    const body = section(md, heading);
    const items = body.split("\n").filter((l) => l.startsWith("- ")).length;
    same(heading, [one(md, new RegExp(`${heading} \\((\\d+)\\)`)), String(items), one(summary, phrase)]);
  }

  // Exit criteria: the current period's ticks, the summary and the roadmap's count.
  const current = /### (.+) Criteria \(Current\)\n((?:- \[.\].*\n)*)/.exec(md);
  if (current) {
    const lines = current[2].trim().split("\n");
    const met = `${lines.filter((l) => l.startsWith("- [x]")).length} of ${lines.length}`;
    same("current period criteria", [
      met,
      one(summary, new RegExp(`(\\d+ of \\d+) for ${current[1]}`)),
      one(
        md,
        new RegExp(`### ${current[1]} \\(.*\\n(?:- .*\\n)*- \\*\\*Status\\*\\*: \\w+ \\((\\d+ of \\d+) exit`),
      ),
    ]);
  }
  return compared;
}

describe("the golden report (demo, final period)", () => {
  it("shows every section of the session summary in order", () => {
    const headings = [...golden.matchAll(/^## (.+)$/gm)].map((m) => m[1].replace(/ \(.*$/, ""));
    expect(headings).toEqual(SECTIONS);
  });

  it("gives each figure that appears twice the same value", () => {
    const compared = checkConsistency(golden);
    expect(compared).toEqual(
      expect.arrayContaining(["overall progress", "maturity", "hardened components", "metric PDB Coverage"]),
    );
    expect(compared.length).toBeGreaterThan(20);
  });
});

describe("hostile text", () => {
  const report = hostileReport();

  it("keeps Markdown tables and sections intact", () => {
    const md = renderMarkdown(report);
    // Every table row has its header's column count.
    const lines = md.split("\n");
    lines.forEach((l, i) => {
      if (!l.startsWith("|---")) return;
      const width = cells(lines[i - 1]).length;
      for (let j = i + 1; lines[j]?.startsWith("|"); j++)
        expect(cells(lines[j]), lines[j]).toHaveLength(width);
    });
    expect(md).not.toMatch(/<script>/);
    expect(md).not.toContain(HOSTILE.name);
    expect(md).toContain("evil\\|name\\`\\<script\\>");
    // The notes cannot add a top-level section nor leave a code fence open: their "# Top heading" nests one level
    // below "## Key Learnings".
    expect([...md.matchAll(/^```/gm)].length % 2).toBe(0);
    expect(md).toMatch(/^### Top heading$/m);
    expect(md).not.toMatch(/^#{1,2} Top heading/m);
    expect(md).toMatch(/^## Quality Metrics/m);
    expect([...md.matchAll(/^## (.+)$/gm)].map((m) => m[1].replace(/ \(.*$/, ""))).toEqual(SECTIONS);
    checkConsistency(md);
  });

  it("neutralises spreadsheet formulas in CSV", () => {
    for (const table of ["components", "metrics"] as const) {
      const csv = renderCsv(report, table);
      for (const field of csv.match(/"(?:[^"]|"")*"/g) ?? []) expect(field).not.toMatch(/^"[=+\-@]/);
    }
    expect(renderCsv(report)).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });

  it("escapes HTML (the preview and the PDF)", () => {
    const html = renderHtml(report);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain("evil|name`&lt;script&gt;alert(1)&lt;/script&gt;");
    // The notes are rendered Markdown: their raw HTML shows as text.
    expect(html).toContain("&lt;script>alert('notes')&lt;/script>");
    expect(html).toMatch(/<div class="notes"><h3>Top heading<\/h3>/);
    // Charts are inline SVG drawn from the model: nothing is fetched.
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).not.toMatch(/src=/);
    // The only links are the notes' own, and only http(s) or mailto ones (GFM links a bare URL).
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?|mailto):/);
  });

  it("round-trips the JSON model through its schema", () => {
    const json = JSON.parse(JSON.stringify(report));
    expect(reportSchema.parse(json)).toEqual(report);
    expect(json.schemaVersion).toBe(1);
  });
});

describe("the seed's sections, from data", () => {
  const report = hostileReport();

  it("plans the next session: the next period's goals and the milestones open by its end", () => {
    expect(report.nextSession.period).toMatchObject({
      id: "week-4-5",
      start: "2025-10-26",
      end: "2025-11-08",
    });
    expect(report.nextSession.period?.goals.length).toBeGreaterThan(0);
    const { milestones } = report.nextSession;
    expect(milestones.length).toBeGreaterThan(0);
    for (const m of milestones) {
      expect(m.due <= "2025-11-08", m.title).toBe(true);
      expect(m.overdue, m.title).toBe(m.due < report.period.end);
    }
    expect(milestones.map((m) => m.week)).toEqual([...milestones.map((m) => m.week)].sort((a, b) => a - b));
    const md = renderMarkdown(report);
    expect(md).toContain("### Week 4-5 Goals (2025-10-26 to 2025-11-08): Enterprise Integration + Security");
    expect(md).toContain(`### Open Milestones (${milestones.length})`);
  });

  it("sums up resources per environment, readiness and the CIS recommendations the scans check", () => {
    expect(report.resources).toEqual([
      expect.objectContaining({
        environment: "production",
        components: 2,
        hardened: 1,
        inScope: 2,
        files: 2,
      }),
      expect.objectContaining({ environment: "dev", scan: null, components: 0 }),
    ]);
    expect(report.readiness).toEqual({ before: 1, after: 0.5, delta: -0.5 });
    const seccomp = report.cis?.recommendations.find((r) => r.id === "5.7.2");
    expect(seccomp).toEqual({ id: "5.7.2", controls: ["seccomp-profile"], before: true, after: false });
    expect(report.cis?.after).toBe((report.cis?.before ?? 0) - 1);
    // Success factors only claim what the figures show: a regression means no "No regressions" line.
    const md = renderMarkdown(report);
    expect(md).not.toContain("No regressions");
    expect(md).toContain("Incremental validation: 2 scans of production during the period.");
  });
});

describe("a program without a roadmap", () => {
  const report = roadmapFreeReport();

  it("reports two scans with the roadmap's sections left out and one line saying so", () => {
    const md = renderMarkdown(report);
    expect([...md.matchAll(/^## (.+)$/gm)].map((m) => m[1].replace(/ \(.*$/, ""))).toEqual(
      SECTIONS_WITHOUT_ROADMAP,
    );
    expect(md.match(/has no roadmap/g)).toHaveLength(1);
    expect(md).toMatch(/^# Acme - 2025-10-01 to 2025-10-20 Summary$/m);
    expect(md).not.toMatch(/Overall Progress|Maturity|Exit criteria met/);
    // "Hardened" falls back to the scanner's hardening controls.
    expect(md).toContain("## Completed Components (1 of 2 hardened)");
    expect(md).toContain("the scanner's hardening controls");
    expect(md).toContain(
      "**Production Readiness** (components meeting every hardening control): 100% → 50% (-50 pts)",
    );
    expect(reportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);

    const html = renderHtml(report);
    expect(html.match(/has no roadmap/g)).toHaveLength(1);
    expect(html).not.toMatch(
      /id="(progress-metrics|key-learnings|exit-criteria|roadmap-status|handoff-notes)"/,
    );
    expect(html).toContain('id="recorded-changes"');
    expect(renderCsv(report, "metrics")).toBe(
      '"Metric","Target","Achieved","% Complete","Status","Note"\r\n',
    );
  });
});

describe("a policy whose text changed between the two scans", () => {
  it("is reported as changed and its result changes are not counted as fixed", () => {
    const report = policyChangedReport();
    expect(report.policiesChanged).toEqual([{ control: "vap:registry", changes: 1 }]);
    expect(report.changeTotals.fixed).toBe(0);
    expect(renderMarkdown(report)).toContain(
      "0 controls fixed, 0 regressed, 0 newly waived, 0 components added, 0 removed; policy vap:registry changed (1 result change not counted).",
    );
    expect(reportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
    expect(roadmapFreeReport().policiesChanged).toEqual([]);
  });
});

describe("escaping helpers", () => {
  it("escapes Markdown cells", () => {
    expect(markdownCell("a|b`c*d_e[f](g)<h>\nnext")).toBe("a\\|b\\`c\\*d\\_e\\[f\\](g)\\<h\\> next");
  });

  it("neutralises formulas and quotes CSV fields", () => {
    expect(csvField("=1+1")).toBe(`"'=1+1"`);
    expect(csvField("+1")).toBe(`"'+1"`);
    expect(csvField("-1")).toBe(`"'-1"`);
    expect(csvField("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvField('say "hi", ok')).toBe(`"say ""hi"", ok"`);
    expect(csvField(-1)).toBe(`"-1"`);
  });

  it("neutralises formulas hidden behind what spreadsheets skip (whitespace, controls, pipes, %-encoding)", () => {
    const prefixes = [
      " ",
      "  ",
      "\t",
      "\r",
      "\n",
      "\r\n",
      "\u00a0",
      "\u2007",
      "\u3000",
      "\u200b",
      "\ufeff",
      "\u202e",
      "\u0000",
      "\u001f",
      "|",
      " | ",
      "%0A",
      "%0a",
      "%0D%0A",
      "%09",
      "%20",
      "%00",
      " %0A\u00a0|",
    ];
    for (const prefix of prefixes)
      for (const formula of ["=1+1", "+1", "-1", "@SUM(A1)", "=cmd|' /C calc'!A0", "\uff1d1+1"]) {
        const value = `${prefix}${formula}`;
        expect(startsFormula(value), JSON.stringify(value)).toBe(true);
        expect(csvField(value), JSON.stringify(value)).toBe(`"'${value.replace(/"/g, '""')}"`);
      }
    // Ordinary text is left alone, whatever it contains further on.
    for (const value of ["maestro-api", "a=b", "50% done", "%41=1", "x |=1", "name@example.com", "1-2"])
      expect(csvField(value), value).toBe(`"${value}"`);
  });

  it("sanitises file names", () => {
    expect(safeFileName("../../etc/passwd", "md")).toBe("etc-passwd.md");
    expect(safeFileName("Maestro Week 6-8 2025-11-29", "pdf")).toBe("maestro-week-6-8-2025-11-29.pdf");
    expect(safeFileName("<script>", "csv")).toBe("script.csv");
    expect(safeFileName("///", "json")).toBe("report.json");
    expect(safeFileName("a".repeat(300), "md")).toHaveLength(120);
  });
});
