/** The report's two tables as CSV (RFC 4180, CRLF): the components and the hardening metrics. */
import { csvField } from "./escape";
import { percent, statusText } from "./format";
import type { Report } from "./schema";

export const CSV_TABLES = ["components", "metrics"] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

const lines = (rows: (string | number | boolean | null)[][]) =>
  `${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;

export function renderCsv(r: Report, table: CsvTable = "components"): string {
  if (table === "metrics") {
    return lines([
      ["Metric", "Target", "Achieved", "% Complete", "Status", "Note"],
      ...r.metrics.map((m) => [
        m.label,
        m.target,
        m.achieved,
        percent(m.ratio),
        statusText(m.status),
        m.note,
      ]),
    ]);
  }
  return lines([
    [
      "Category",
      "Component",
      "Kind",
      "Namespace",
      "File",
      "Pattern",
      "Security Features",
      "Hardened",
      "Failing Controls",
      "Waived Controls",
    ],
    ...r.categories.flatMap((c) =>
      c.components.map((x) => [
        c.name,
        x.name,
        x.kind,
        x.namespace,
        x.file,
        x.patternTitle,
        x.features.join(", "),
        x.hardened ? "yes" : "no",
        x.failing.join(", "),
        x.waived.join(", "),
      ]),
    ),
  ]);
}
