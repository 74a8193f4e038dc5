import { createHash } from "node:crypto";
import type { ScanResult } from "@/lib/scanner";

/** What makes a scan an observation besides its findings: when it was taken, of which commit, from what. */
export type ScanObservation = {
  takenAt: string;
  gitCommit?: string;
  gitRef?: string;
  source: string;
  tool?: string;
};

/**
 * The idempotency key of a scan without a client-supplied one: a hash of its content and of the observation it
 * records (its generatedAt is part of the content). The same result file sent again (a retry, a re-run of the
 * same CI job) stores once; the same manifests scanned again later are a new observation and a new scan, so a
 * reverted cluster shows up as the regression it is instead of as an "already stored" scan from the past.
 */
export function scanContentKey(result: ScanResult, observation: ScanObservation): string {
  const { takenAt, gitCommit, gitRef, source, tool } = observation;
  const hash = createHash("sha256")
    .update(JSON.stringify({ result, observation: { takenAt, gitCommit, gitRef, source, tool } }))
    .digest("hex");
  return `sha256:${hash}`;
}
