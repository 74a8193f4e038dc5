import "server-only";
import type { EnvironmentScans } from "@/lib/metrics";
import type { EvidenceKind } from "@/lib/generated/prisma/enums";
import { getDb } from "./db";
import { loadScanView, type ScanView } from "./load-scan-view";

/**
 * The latest scan of each environment taken before `before` (default: any), read with the project's stored
 * exceptions active at `exceptionsAt`, keyed by environment name (null: no scan of it by then). With `evidence`,
 * the latest scan of that kind where the environment has one (manifests or a cluster's reports), else its latest.
 */
export async function loadLatestViews(
  projectId: string,
  environments: readonly { id: string; name: string }[],
  { before, exceptionsAt, evidence }: { before?: Date; exceptionsAt: Date; evidence?: EvidenceKind },
): Promise<Record<string, ScanView | null>> {
  const db = await getDb();
  const views = await Promise.all(
    environments.map(async (e) => {
      const latestOf = (kind?: EvidenceKind) =>
        db.scan.findFirst({
          where: {
            environmentId: e.id,
            ...(before ? { takenAt: { lt: before } } : {}),
            ...(kind ? { evidence: kind } : {}),
          },
          orderBy: { takenAt: "desc" },
          select: { id: true },
        });
      const row = (evidence ? await latestOf(evidence) : null) ?? (await latestOf());
      return row ? loadScanView(projectId, row.id, { exceptionsAt }) : null;
    }),
  );
  return Object.fromEntries(environments.map((e, i) => [e.name, views[i]])) satisfies EnvironmentScans;
}
