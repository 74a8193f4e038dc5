import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath } from "@/lib/chromium";
import { formatPercent } from "@/lib/metrics";
import {
  hostileReport,
  roadmapFreeReport,
  SECTIONS,
  SECTIONS_WITHOUT_ROADMAP,
} from "@/lib/report/test-report";
import { uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { findReport } from "./find-report";
import { loadDemoProgram } from "./load-demo-program";
import {
  closeReportBrowser,
  PDF_RENDERS,
  PDF_WAITING,
  PdfBusyError,
  renderReportPdf,
} from "./render-report-pdf";

const dir = mkdtempSync(join(tmpdir(), "rampart-pdf-"));
const pdfToText = (pdf: Buffer, name: string) => {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
};

// Needs Debian's Chromium (the real browser, never a mock); skipped only when it is not installed.
describe.skipIf(!existsSync(chromiumPath()))("renderReportPdf", () => {
  const slug = uniqueSlug("report-pdf");
  beforeAll(() => loadDemoProgram({ slug }));
  afterAll(async () => {
    await closeReportBrowser();
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints every section and the key figures, with page numbers and a header", async () => {
    const report = await findReport(SYSTEM, slug, { period: "week-6-8" });
    const pdf = await renderReportPdf(report);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfToText(pdf, "demo");
    for (const heading of SECTIONS) expect(text).toContain(heading);
    expect(text).toContain("Completed Components (20 of 20 hardened)");
    expect(text).toContain("Overall Phase Progress");
    expect(text).toContain(`${formatPercent(report.overall?.progress)} of Phase 2: Production Hardening`);
    expect(text).toMatch(/runAsNonRoot\s+19\s+19\s+100%\s+Complete \(1 exception: promtail\)/);
    expect(text).toMatch(/Network Policy Coverage: 45% → 100%/);
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).toContain("Maestro: Phase 2: Production Hardening - Week 6-8 Summary");
    // Page 1 as an image, to look at (the path is printed).
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "60",
      "-f",
      "1",
      "-l",
      "1",
      join(dir, "demo.pdf"),
      join(dir, "page"),
    ]);
    console.log(`PDF page 1: ${join(dir, "page-01.png")}`);
  });

  it("bounds the render queue: beyond the renders and the line, an export is refused at once", async () => {
    const report = hostileReport();
    const extra = 3;
    const results = await Promise.allSettled(
      Array.from({ length: PDF_RENDERS + PDF_WAITING + extra }, () => renderReportPdf(report)),
    );
    const done = results.filter((r) => r.status === "fulfilled");
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(done).toHaveLength(PDF_RENDERS + PDF_WAITING);
    expect(refused).toHaveLength(extra);
    for (const err of refused) {
      expect(err).toBeInstanceOf(PdfBusyError);
      expect(err.retryAfterSeconds).toBeGreaterThan(0);
    }
    // The slots are given back: the next export renders.
    const pdf = await renderReportPdf(report);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("prints the two-scan report of a program without a roadmap, its roadmap sections left out", async () => {
    const text = pdfToText(await renderReportPdf(roadmapFreeReport()), "no-roadmap");
    for (const heading of SECTIONS_WITHOUT_ROADMAP) expect(text).toContain(heading);
    expect(text).toContain("has no roadmap");
    expect(text).not.toContain("Exit Criteria Tracking");
  });

  it("prints each report on a page a previous export left: nothing of the previous report remains", async () => {
    const demo = await findReport(SYSTEM, slug, { period: "week-6-8" });
    // Renders one after another: the second and third reuse the first's page (one idle page, one render at once).
    const first = pdfToText(await renderReportPdf(demo), "reuse-1");
    const other = pdfToText(await renderReportPdf(roadmapFreeReport()), "reuse-2");
    const again = pdfToText(await renderReportPdf(demo), "reuse-3");
    expect(first).toContain("Completed Components (20 of 20 hardened)");
    expect(other).not.toContain("Completed Components (20 of 20 hardened)");
    expect(other).not.toContain("Maestro: Phase 2: Production Hardening");
    expect(other).toContain("has no roadmap");
    expect(again).toBe(first);
  });

  it("prints hostile text as text", async () => {
    const text = pdfToText(await renderReportPdf(hostileReport()), "hostile");
    expect(text).toContain("evil|name`<script>alert(1)</script>");
    expect(text).toContain("<script>alert('notes')</script>");
    // The notes are rendered Markdown: the heading shows without its "#".
    expect(text).toContain("Top heading");
    expect(text).not.toContain("# Top heading");
  });
});
