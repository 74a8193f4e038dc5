/**
 * Rampart importers: turn other scanners' output into a Rampart ScanResult. Pure functions (no
 * fs, no database, no framework): callers parse the JSON and pass it in.
 *
 *   detectFormat(json) => "polaris" | "kube-score" | "kubescape" | "sarif" | "policyreport" | null
 *   importScan(format, json, { now, fileName }) => ImportedScan   (throws ImportError)
 */
import { importKubeScore, looksLikeKubeScore } from "./kube-score.ts";
import { importKubescape, looksLikeKubescape } from "./kubescape.ts";
import { importPolaris, looksLikePolaris } from "./polaris.ts";
import { importPolicyReport, looksLikePolicyReport } from "./policyreport.ts";
import { importSarif, looksLikeSarif } from "./sarif.ts";
import { ImportError, type ImportedScan, type ImportFormat, type ImportOptions } from "./types.ts";

export { DEFAULT_FILE, summariseWorkloads, UNIDENTIFIED_KIND } from "./build.ts";
export { controlsFor, mappingTable, SUPPLEMENTARY_MAPPINGS, type ToolKey } from "./mapping.ts";
export { parseReportText } from "./parse-report-text.ts";
export {
  EVIDENCE_KINDS,
  type EvidenceKind,
  IMPORT_FORMATS,
  ImportError,
  type ImportedScan,
  type ImportFormat,
  type ImportOptions,
  type OtherFinding,
  type ToolControl,
} from "./types.ts";

/** Recognises a tool's output by its top-level shape; null when it is none of the formats. */
export function detectFormat(json: unknown): ImportFormat | null {
  if (looksLikeSarif(json)) return "sarif";
  if (looksLikePolicyReport(json)) return "policyreport";
  if (looksLikePolaris(json)) return "polaris";
  if (looksLikeKubescape(json)) return "kubescape";
  if (looksLikeKubeScore(json)) return "kube-score";
  return null;
}

export function importScan(format: ImportFormat, json: unknown, options: ImportOptions): ImportedScan {
  if (!(options?.now instanceof Date) || Number.isNaN(options.now.getTime()))
    throw new ImportError("options.now: expected a valid Date", "options.now");
  switch (format) {
    case "polaris":
      return importPolaris(json, options);
    case "kube-score":
      return importKubeScore(json, options);
    case "kubescape":
      return importKubescape(json, options);
    case "sarif":
      return importSarif(json, options);
    case "policyreport":
      return importPolicyReport(json, options);
    default:
      throw new ImportError(`unknown import format ${JSON.stringify(format)}`, "format");
  }
}
