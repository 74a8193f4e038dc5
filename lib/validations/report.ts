import { z } from "zod";
import { CSV_TABLES } from "@/lib/report/render-csv";
import { safeText } from "./safe-text";
import { scanIdSchema } from "./scan";

export const REPORT_FORMATS = ["md", "pdf", "csv", "json", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const key = safeText()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lower-case letters, digits and single dashes");
const scanId = scanIdSchema;

/** `GET …/reports?format=&environment=&period=` or `&from=&to=` (two scan ids); `table` picks the CSV table. */
export const reportQuerySchema = z
  .object({
    format: z.enum(REPORT_FORMATS).default("md"),
    environment: key.optional(),
    period: key.optional(),
    from: scanId.optional(),
    to: scanId.optional(),
    table: z.enum(CSV_TABLES).default("components"),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), {
    message: "give both from and to scan ids",
    path: ["to"],
  })
  .refine((q) => q.period === undefined || q.from === undefined, {
    message: "give a period or two scans, not both",
    path: ["period"],
  });

export type ReportQueryInput = z.infer<typeof reportQuerySchema>;

const notesText = safeText().max(20_000);

/** `{keyLearnings?, handoff?}`: the period's free text (Markdown) for the report. */
export const periodNotesSchema = z
  .object({ keyLearnings: notesText.optional(), handoff: notesText.optional() })
  .refine((v) => v.keyLearnings !== undefined || v.handoff !== undefined, {
    message: "give keyLearnings or handoff",
    path: ["keyLearnings"],
  });

export type PeriodNotesInput = z.infer<typeof periodNotesSchema>;
