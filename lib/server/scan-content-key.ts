import { createHash } from "node:crypto";
import type { ScanResult } from "@/lib/scanner";

/**
 * The idempotency key of a scan without a client-supplied one: a hash of its content, minus the time it was
 * generated, so the same manifests pushed twice store once.
 */
export function scanContentKey(result: ScanResult, extra: Record<string, unknown> = {}): string {
  const { generatedAt: _ignored, ...content } = result;
  return `sha256:${createHash("sha256").update(JSON.stringify({ content, extra })).digest("hex")}`;
}
