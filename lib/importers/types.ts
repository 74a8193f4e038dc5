/** Shared types of the scan importers (Polaris, kube-score, Kubescape, SARIF). */
import type { ScanResult } from "../scanner/index.ts";

export const IMPORT_FORMATS = ["polaris", "kube-score", "kubescape", "sarif", "policyreport"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A tool finding that does not map to a Rampart control, or is about a non-workload object. */
export type OtherFinding = {
  tool: string;
  checkId: string;
  title: string;
  severity?: string;
  /** The tool's own grouping of the check (a PolicyReport result's `category`). */
  category?: string;
  status: "pass" | "fail" | "warning" | "skipped";
  kind?: string;
  namespace?: string;
  name?: string;
  file?: string;
  message: string;
};

/**
 * A tool's own control: a rule the tool reported that the mapping table does not know, tracked as a control of its
 * own (`<tool>:<policy>[/<rule>]`, grammar in lib/program/tool-control-id.ts), with what the tool says of it.
 */
export type ToolControl = {
  id: string;
  /** The producer as it names itself (Kyverno, Falco, Trivy ConfigAudit). */
  tool: string;
  title: string;
  /** On Rampart's scale: critical, high, medium, low (toolSeverity). */
  severity: string;
  /** The tool's own grouping of the rule (a PolicyReport result's category); "policy" when it gave none. */
  category: string;
};

export type ImportedScan = {
  /** The real tool (e.g. "Polaris", "kube-score", "Kubescape", "Trivy"). */
  tool: string;
  /** The tool's version when the output says it, else "unknown". */
  toolVersion: string;
  /** True when the evidence is incomplete (SARIF: failures only, passes are inferred). */
  partialEvidence: boolean;
  /** Valid against scanResultSchema; `scanner` stays {name: "rampart", version: SCANNER_VERSION}. */
  result: ScanResult;
  otherFindings: OtherFinding[];
  /** The tool's own controls the result holds (PolicyReports), for the control catalog. */
  controls?: ToolControl[];
  /**
   * When the tool says it observed this (Polaris AuditTime, Kubescape generationTime, SARIF invocation times),
   * as the output spells it; absent when the output carries no time of its own (kube-score). `result.generatedAt`
   * is the import time, so this is what tells a retry of one result file from a new run of the tool.
   */
  observedAt?: string;
  /**
   * What the evidence describes: "cluster" for reports of a running cluster's live state (PolicyReports);
   * absent means manifests (files scanned before they were applied).
   */
  evidence?: EvidenceKind;
};

export const EVIDENCE_KINDS = ["manifest", "cluster"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export type ImportOptions = { now: Date; fileName?: string };

/** Malformed input. `path` is the offending field (e.g. `Results[2].PodResult.ContainerResults`). */
export class ImportError extends Error {
  readonly path: string;
  constructor(message: string, path = "") {
    super(message);
    this.name = "ImportError";
    this.path = path;
  }
}
