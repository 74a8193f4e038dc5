import "server-only";
import type { EnvironmentScans } from "@/lib/metrics";
import { getDb } from "./db";
import { loadScanView, type ScanView } from "./load-scan-view";

/**
 * The latest scan of each environment taken before `before` (default: any), read with the project's stored
 * exceptions active at `exceptionsAt`, keyed by environment name (null: no scan of it by then).
 */
export async function loadLatestViews(
  projectId: string,
  environments: readonly { id: string; name: string }[],
  { before, exceptionsAt }: { before?: Date; exceptionsAt: Date },
): Promise<Record<string, ScanView | null>> {
  const db = await getDb();
  const views = await Promise.all(
    environments.map(async (e) => {
      const row = await db.scan.findFirst({
        where: { environmentId: e.id, ...(before ? { takenAt: { lt: before } } : {}) },
        orderBy: { takenAt: "desc" },
        select: { id: true },
      });
      return row ? loadScanView(projectId, row.id, { exceptionsAt }) : null;
    }),
  );
  return Object.fromEntries(environments.map((e, i) => [e.name, views[i]])) satisfies EnvironmentScans;
}
