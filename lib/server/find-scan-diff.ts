import "server-only";
import { diffScans } from "@/lib/diff/diff-scans";
import type { Actor } from "./actor";
import { cachePromises } from "./cache-promises";
import { getDb } from "./db";
import { NotFoundError, ValidationError } from "./errors";
import { loadScanView } from "./load-scan-view";
import { requireProject } from "./require-project";

const diffs = cachePromises<ReturnType<typeof diffScans>>(32);

/** The diff of two scans of the same environment of a project: `from` the earlier, `to` the later. */
export async function findScanDiff(actor: Actor, projectSlug: string, fromId: string, toId: string) {
  const project = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  const scans = await db.scan.findMany({
    where: { id: { in: [fromId, toId] }, projectId: project.id },
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
  // History as it was recorded: exceptions added since do not rewrite what changed between two scans, so the
  // diff of two stored scans never changes either (the overview shows the same one on every request).
  const diff = await diffs(`${project.id}:${from.id}:${to.id}`, async () => {
    const [before, after] = await Promise.all([
      loadScanView(project.id, from.id),
      loadScanView(project.id, to.id),
    ]);
    return diffScans(before, after);
  });
  return { from, to, diff };
}
