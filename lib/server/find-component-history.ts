import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { requireProject } from "./require-project";

/** One component across all the scans that saw it: per scan, each control's stored status. Oldest first. */
export async function findComponentHistory(actor: Actor, projectSlug: string, componentId: string) {
  const project = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  const component = await db.component.findFirst({
    where: { id: componentId, projectId: project.id },
    select: { id: true, kind: true, namespace: true, name: true, category: true, categoryManual: true },
  });
  if (!component) throw new NotFoundError(`component "${componentId}"`);
  // Served by the (componentId, controlId) index of ControlResult and the (componentId) index of ScanWorkload.
  const [workloads, results] = await Promise.all([
    db.scanWorkload.findMany({
      where: { componentId },
      select: {
        scanId: true,
        pattern: true,
        pssLevel: true,
        scan: { select: { takenAt: true, gitRef: true } },
      },
    }),
    db.controlResult.findMany({
      where: { componentId },
      select: { scanId: true, controlId: true, status: true },
    }),
  ]);
  const statuses = new Map<string, Record<string, string>>();
  for (const r of results) {
    const row = statuses.get(r.scanId) ?? {};
    row[r.controlId] = r.status;
    statuses.set(r.scanId, row);
  }
  const scans = workloads
    .map((w) => ({
      scanId: w.scanId,
      takenAt: w.scan.takenAt,
      gitRef: w.scan.gitRef,
      pattern: w.pattern,
      pssLevel: w.pssLevel,
      controls: statuses.get(w.scanId) ?? {},
    }))
    .sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
  return { component, scans };
}
