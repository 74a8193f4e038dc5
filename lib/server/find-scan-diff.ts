import "server-only";
import { type DiffableScan, type DiffStatus, diffScans } from "@/lib/diff/diff-scans";
import { getDb } from "./db";
import { NotFoundError, ValidationError } from "./errors";

const STATUS: Record<string, DiffStatus> = { pass: "pass", fail: "fail", waived: "waived", na: "n/a" };

/** A stored scan in the shape diffScans takes: its workloads with each control's status as stored. */
export async function loadDiffableScan(scanId: string): Promise<DiffableScan> {
  const db = await getDb();
  const [workloads, results] = await Promise.all([
    db.scanWorkload.findMany({
      where: { scanId },
      select: {
        componentId: true,
        file: true,
        category: true,
        component: { select: { kind: true, namespace: true, name: true } },
      },
    }),
    db.controlResult.findMany({
      where: { scanId },
      select: { componentId: true, controlId: true, status: true },
    }),
  ]);
  const controls = new Map<string, Record<string, { status: DiffStatus }>>();
  for (const r of results) {
    const forComponent = controls.get(r.componentId) ?? {};
    forComponent[r.controlId] = { status: STATUS[r.status] };
    controls.set(r.componentId, forComponent);
  }
  return {
    workloads: workloads.map((w) => ({
      ...w.component,
      category: w.category,
      file: w.file,
      controls: controls.get(w.componentId) ?? {},
    })),
  };
}

/** The diff of two scans of the same environment of a project: `from` the earlier, `to` the later. */
export async function findScanDiff(projectSlug: string, fromId: string, toId: string) {
  const db = await getDb();
  const scans = await db.scan.findMany({
    where: { id: { in: [fromId, toId] }, project: { slug: projectSlug } },
    select: {
      id: true,
      takenAt: true,
      environmentId: true,
      gitRef: true,
      message: true,
      environment: { select: { name: true } },
    },
  });
  const from = scans.find((s) => s.id === fromId);
  const to = scans.find((s) => s.id === toId);
  if (!from) throw new NotFoundError(`scan "${fromId}"`);
  if (!to) throw new NotFoundError(`scan "${toId}"`);
  if (from.environmentId !== to.environmentId) {
    throw new ValidationError("both scans must be of the same environment", "to");
  }
  const [before, after] = await Promise.all([loadDiffableScan(from.id), loadDiffableScan(to.id)]);
  return { from, to, diff: diffScans(before, after) };
}
