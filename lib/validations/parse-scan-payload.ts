import { z } from "zod";
import {
  detectFormat,
  type EvidenceKind,
  IMPORT_FORMATS,
  type ImportFormat,
  importScan,
  type OtherFinding,
  type ToolControl,
} from "@/lib/importers";
import type { ScanResult } from "@/lib/scanner";
import { ingestScanResultSchema } from "./ingest";

export const PAYLOAD_FORMATS = ["rampart", ...IMPORT_FORMATS] as const;
export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number];
export const payloadFormatSchema = z.enum(PAYLOAD_FORMATS);

const SOURCE = {
  rampart: "rampart",
  polaris: "polaris",
  "kube-score": "kube_score",
  kubescape: "kubescape",
  sarif: "sarif",
  policyreport: "policyreport",
} as const;

export type ScanPayload = {
  format: PayloadFormat;
  source: (typeof SOURCE)[PayloadFormat];
  result: ScanResult;
  tool?: string;
  toolVersion?: string;
  partialEvidence: boolean;
  /** Manifests, or a cluster's live state (PolicyReports). */
  evidence: EvidenceKind;
  otherFindings: OtherFinding[];
  /** The tool's own controls the result holds, with their severity and category (the control catalog's rows). */
  controls?: ToolControl[];
  /**
   * Imported output: the tool's own time of the observation, or null when its format has none (see
   * ImportedScan.observedAt). Absent for Rampart's contract, whose generatedAt is the scanner's own time.
   */
  observedAt?: string | null;
};

/** Which format a JSON document is: Rampart's own contract (it has `schemaVersion`) or another tool's. */
export function detectPayloadFormat(json: unknown): PayloadFormat | null {
  if (json && typeof json === "object" && !Array.isArray(json) && "schemaVersion" in json) return "rampart";
  return detectFormat(json);
}

/**
 * A scan from any supported format, validated: Rampart's JSON contract as it is, other tools' output mapped to
 * Rampart's controls (lib/importers). Throws a ZodError or ImportError naming the field.
 */
export function parseScanPayload(
  json: unknown,
  format: PayloadFormat | undefined,
  options: { now: Date; fileName?: string },
): ScanPayload {
  const resolved = format ?? detectPayloadFormat(json);
  if (!resolved) {
    throw new z.ZodError([
      {
        code: "custom",
        path: [],
        message: `unrecognised scan format: expected Rampart's JSON (schemaVersion 1) or one of ${IMPORT_FORMATS.join(", ")}`,
      },
    ]);
  }
  if (resolved === "rampart") {
    return {
      format: resolved,
      source: SOURCE.rampart,
      result: ingestScanResultSchema.parse(json),
      partialEvidence: false,
      evidence: "manifest",
      otherFindings: [],
    };
  }
  const imported = importScan(resolved as ImportFormat, json, options);
  return {
    format: resolved,
    source: SOURCE[resolved],
    result: ingestScanResultSchema.parse(imported.result),
    tool: imported.tool,
    toolVersion: imported.toolVersion,
    partialEvidence: imported.partialEvidence,
    evidence: imported.evidence ?? "manifest",
    otherFindings: imported.otherFindings,
    ...(imported.controls?.length ? { controls: imported.controls } : {}),
    observedAt: imported.observedAt ?? null,
  };
}
