import { createHash } from "node:crypto";
import type { ScanResult } from "@/lib/scanner";

/** What makes a scan an observation besides its findings: when it was taken, of which commit, from what. */
export type ScanObservation = {
  /**
   * The observation's own time: the client's takenAt, else the tool's (Rampart's generatedAt, Polaris'
   * AuditTime…); null when neither says one (kube-score output pushed without takenAt).
   */
  observedAt: string | null;
  gitCommit?: string;
  gitRef?: string;
  source: string;
  tool?: string;
};

/**
 * The idempotency key of a scan without a client-supplied one: a hash of its content and of the observation it
 * records. The same result file sent again (a retry, a re-run of the same CI job) stores once; the same
 * manifests scanned again later are a new observation and a new scan, so a reverted cluster shows up as the
 * regression it is instead of as an "already stored" scan from the past. The result's generatedAt is left out
 * of the content: for imported output it is the import time, not the tool's (that one is observedAt), and a
 * file without any time of its own sent twice is a retry.
 */
export function scanContentKey(result: ScanResult, observation: ScanObservation): string {
  const { generatedAt: _importTimeOrObservedAt, ...content } = result;
  const { observedAt, gitCommit, gitRef, source, tool } = observation;
  const hash = createHash("sha256")
    .update(JSON.stringify({ content, observation: { observedAt, gitCommit, gitRef, source, tool } }))
    .digest("hex");
  return `sha256:${hash}`;
}
