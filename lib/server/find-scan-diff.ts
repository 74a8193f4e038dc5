import "server-only";
import { type DiffablePolicy, diffScans } from "@/lib/diff/diff-scans";
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
      policies: true,
    },
  });
  const fromRow = scans.find((s) => s.id === fromId);
  const toRow = scans.find((s) => s.id === toId);
  if (!fromRow) throw new NotFoundError(`scan "${fromId}"`);
  if (!toRow) throw new NotFoundError(`scan "${toId}"`);
  // The policies a scan evaluated (name and hash) only serve the diff; the answer's scans stay as they were.
  const { policies: fromPolicies, ...from } = fromRow;
  const { policies: toPolicies, ...to } = toRow;
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
    // A policy whose text changed between the two scans is reported as changed, not as fixes or regressions.
    return diffScans(
      { ...before, policies: fromPolicies as DiffablePolicy[] },
      { ...after, policies: toPolicies as DiffablePolicy[] },
    );
  });
  return { from, to, diff };
}
