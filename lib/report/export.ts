/** The report as a downloadable file: the body of each text format, its media type and a safe file name. */
import { safeFileName } from "./escape";
import { type CsvTable, renderCsv } from "./render-csv";
import { renderHtml } from "./render-html";
import { renderMarkdown } from "./render-markdown";
import type { Report } from "./schema";

export type ReportFileFormat = "md" | "pdf" | "csv" | "json" | "html";

export const MEDIA_TYPES: Record<ReportFileFormat, string> = {
  md: "text/markdown; charset=utf-8",
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  html: "text/html; charset=utf-8",
};

/** "maestro-week-6-8-2025-11-29.md", "maestro-week-6-8-2025-11-29-metrics.csv": sanitised, whatever the names. */
export function reportFileName(r: Report, format: ReportFileFormat, table: CsvTable = "components"): string {
  const period = r.period.id && r.period.kind === "period" ? r.period.id : `${r.period.start}-to`;
  const base = `${r.project.slug}-${r.environment === "production" ? "" : `${r.environment}-`}${period}-${r.period.end}`;
  return safeFileName(format === "csv" ? `${base}-${table}` : base, format);
}

/** Every format but PDF (printed from the HTML by lib/server/render-report-pdf). */
export function renderReportText(
  r: Report,
  format: Exclude<ReportFileFormat, "pdf">,
  table?: CsvTable,
): string {
  switch (format) {
    case "md":
      return renderMarkdown(r);
    case "csv":
      return renderCsv(r, table);
    case "json":
      return `${JSON.stringify(r, null, 2)}\n`;
    case "html":
      return renderHtml(r);
  }
}
