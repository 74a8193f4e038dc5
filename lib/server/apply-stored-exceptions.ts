import "server-only";
import { selectorMatches } from "@/lib/scanner/selectors";

export type StoredException = {
  id: string;
  environmentId: string | null;
  selectorKind: string | null;
  selectorNamespace: string | null;
  selectorName: string | null;
  controlId: string;
  justification: string;
  owner: string;
  expiresAt: Date | null;
};

export type WaiverJson = {
  source: "stored";
  exceptionId: string;
  justification: string;
  owner: string;
  expires?: string;
};

const DAY_MS = 86_400_000;

/**
 * Whether a stored exception still waives at `at`. `expiresAt` holds its `expires` day at 00:00 UTC and, like an
 * exceptions file entry (lib/scanner isExpired), it is valid through the end of that day.
 */
export function isStoredExceptionActive(e: { expiresAt: Date | null }, at: Date): boolean {
  return e.expiresAt === null || at.getTime() < e.expiresAt.getTime() + DAY_MS;
}

/** Whether a stored exception's selector and environment cover this workload. */
export function storedExceptionCovers(
  e: StoredException,
  workload: { environmentId: string; kind: string; namespace: string; name: string },
): boolean {
  return (
    (e.environmentId === null || e.environmentId === workload.environmentId) &&
    selectorMatches(
      {
        kind: e.selectorKind ?? undefined,
        namespace: e.selectorNamespace ?? undefined,
        name: e.selectorName ?? undefined,
      },
      { ...workload, labels: {} },
    )
  );
}

/** The stored exception that waives `controlId` for this workload at `at`, if any. */
export function findStoredException(
  exceptions: readonly StoredException[],
  workload: { environmentId: string; kind: string; namespace: string; name: string },
  controlId: string,
  at: Date,
): StoredException | undefined {
  return exceptions.find(
    (e) => e.controlId === controlId && isStoredExceptionActive(e, at) && storedExceptionCovers(e, workload),
  );
}

export function waiverJson(e: StoredException): WaiverJson {
  return {
    source: "stored",
    exceptionId: e.id,
    justification: e.justification,
    owner: e.owner,
    ...(e.expiresAt ? { expires: e.expiresAt.toISOString().slice(0, 10) } : {}),
  };
}

/** A waiver recorded at ingest from a stored exception (not from the scan's own exceptions file). */
export function isStoredWaiver(exception: unknown): exception is WaiverJson {
  return (
    typeof exception === "object" &&
    exception !== null &&
    (exception as { source?: unknown }).source === "stored"
  );
}

type Status = "pass" | "fail" | "waived" | "n/a";

/**
 * A stored result as the current view reads it at `at`: a failure that an active stored exception covers is
 * waived, and a waiver recorded at ingest from a stored exception that has since been deleted, narrowed or has
 * expired is a failure again. Waivers from the scan's own exceptions file are evidence of that scan and stay.
 */
export function currentResult<S extends Status, E>(
  result: { status: S; exception: E },
  exceptions: readonly StoredException[],
  workload: { environmentId: string; kind: string; namespace: string; name: string },
  controlId: string,
  at: Date,
): { status: S | "fail" | "waived"; exception: E | WaiverJson | null } {
  const storedWaiver = result.status === "waived" && isStoredWaiver(result.exception);
  if (result.status !== "fail" && !storedWaiver) return result;
  const stored = findStoredException(exceptions, workload, controlId, at);
  if (stored) return { status: "waived", exception: waiverJson(stored) };
  return storedWaiver ? { status: "fail", exception: null } : result;
}
