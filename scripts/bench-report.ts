// `npm run bench:report`: report export speed, printed as figures (not a test). Targets: the demo report as PDF in
// under 3 s with a cold browser and under 1.5 s warm; a 2,000-component report in every format under 5 s (the
// report page itself is timed by bench:web, route "report", target < 500 ms). Each figure is the whole path a download takes:
// findReport (queries + buildReport) and the rendering.
//   1. The demo program (examples/maestro), final period: each format; PDF with a cold browser, then warm.
//   2. The demo scaled to 2,000 production components (a scan of N generated workloads in the final period):
//      each format.
// Options: --components N (default 2000) --runs R (warm runs per figure, default 3)
// Runs on a fresh PGlite directory (BENCH_DATABASE_URL for a PostgreSQL server instead) under tsx with the
// react-server condition, so lib/server's `server-only` marker resolves to nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type CsvTable, renderCsv } from "../lib/report/render-csv";
import { renderHtml } from "../lib/report/render-html";
import { renderMarkdown } from "../lib/report/render-markdown";
import type { Report } from "../lib/report/schema";
import { scanFiles } from "../lib/scanner";
import { SYSTEM } from "../lib/server/actor";
import { createScan } from "../lib/server/create-scan";
import { closeConnection, getDb } from "../lib/server/db";
import { findReport } from "../lib/server/find-report";
import { loadDemoProgram } from "../lib/server/load-demo-program";
import { closeReportBrowser, renderReportPdf } from "../lib/server/render-report-pdf";
import { deploymentYaml } from "../test/factories";

const { values } = parseArgs({
  options: { components: { type: "string", default: "2000" }, runs: { type: "string", default: "3" } },
});
const COMPONENTS = Number(values.components);
const RUNS = Number(values.runs);

type Format = "md" | "csv-components" | "csv-metrics" | "json" | "html" | "pdf";
const FORMATS: Format[] = ["md", "csv-components", "csv-metrics", "json", "html", "pdf"];

async function render(report: Report, format: Format): Promise<number> {
  switch (format) {
    case "md":
      return renderMarkdown(report).length;
    case "json":
      return JSON.stringify(report, null, 2).length;
    case "html":
      return renderHtml(report).length;
    case "pdf":
      return (await renderReportPdf(report)).length;
    default:
      return renderCsv(report, format.slice(4) as CsvTable).length;
  }
}

/** One download: the report's queries and model, then the format. */
async function exportOnce(slug: string, format: Format) {
  const started = performance.now();
  const report = await findReport(SYSTEM, slug, { period: "week-6-8" });
  const queried = performance.now();
  const bytes = await render(report, format);
  const done = performance.now();
  return { total: done - started, query: queried - started, render: done - queried, bytes };
}

const ms = (n: number) => `${Math.round(n)} ms`.padStart(8);

async function measure(label: string, slug: string, format: Format, budgetMs: number) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await exportOnce(slug, format));
  const worst = runs.reduce((a, b) => (b.total > a.total ? b : a));
  const median = [...runs].sort((a, b) => a.total - b.total)[Math.floor(runs.length / 2)];
  console.log(
    `${label.padEnd(34)} ${format.padEnd(15)} median ${ms(median.total)} (query ${ms(median.query)}, render ${ms(median.render)})  worst ${ms(worst.total)}  ${String(median.bytes).padStart(9)} bytes  ${worst.total < budgetMs ? "ok" : "OVER"} (< ${budgetMs / 1000} s)`,
  );
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "rampart-bench-report-"));
  process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL ?? `pglite:${dir}`;
  try {
    await getDb(); // open + migrate outside the timings
    console.log(
      `database: ${process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "PGlite"}; ${RUNS} runs per figure`,
    );

    await loadDemoProgram({ slug: "bench-demo" });
    const cold = await exportOnce("bench-demo", "pdf");
    console.log(
      `${"demo (20 components), cold browser".padEnd(34)} ${"pdf".padEnd(15)} ${ms(cold.total)} (query ${ms(cold.query)}, render ${ms(cold.render)})  ${cold.total < 3000 ? "ok" : "OVER"} (< 3 s)`,
    );
    await measure("demo (20 components), warm browser", "bench-demo", "pdf", 1500);

    // The demo scaled: its roadmap and history, then a scan of N generated production components in the final
    // period (~80% hardened, spread over 25 namespaces and N/20 files).
    const slug = "bench-scaled";
    await loadDemoProgram({ slug });
    const files = [];
    for (let f = 0; f * 20 < COMPONENTS; f++) {
      const docs = [];
      for (let i = f * 20; i < Math.min(COMPONENTS, (f + 1) * 20); i++)
        docs.push(deploymentYaml(`svc-${i}`, { hardened: (i * 7) % 10 < 8, namespace: `team-${i % 25}` }));
      files.push({ path: `infrastructure/kubernetes/team-${f}.yaml`, content: docs.join("---\n") });
    }
    const takenAt = "2025-11-29T20:00:00Z";
    await createScan({
      actor: SYSTEM,
      projectSlug: slug,
      meta: { environment: "production", takenAt, gitRef: "bench", message: `${COMPONENTS} components` },
      result: scanFiles(files, { now: new Date(takenAt) }),
      source: "rampart",
    });
    for (const format of FORMATS) await measure(`scaled (${COMPONENTS} components)`, slug, format, 5000);
  } finally {
    await closeReportBrowser();
    await closeConnection();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
