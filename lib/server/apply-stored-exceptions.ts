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

/** The stored exception that waives `controlId` for this workload at `at`, if any. */
export function findStoredException(
  exceptions: readonly StoredException[],
  workload: { environmentId: string; kind: string; namespace: string; name: string },
  controlId: string,
  at: Date,
): StoredException | undefined {
  return exceptions.find(
    (e) =>
      e.controlId === controlId &&
      (e.environmentId === null || e.environmentId === workload.environmentId) &&
      (e.expiresAt === null || e.expiresAt.getTime() >= at.getTime()) &&
      selectorMatches(
        {
          kind: e.selectorKind ?? undefined,
          namespace: e.selectorNamespace ?? undefined,
          name: e.selectorName ?? undefined,
        },
        { ...workload, labels: {} },
      ),
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
