import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { requireProject } from "./require-project";
import { recomputeComponentRuns, runsToRecompute } from "./store-component-runs";
import { writeAudit } from "./write-audit";

/**
 * Deletes one scan with its results (program admins): the way out of a scan that should never have been stored
 * (a wrong environment, a clock far off). The previous scan becomes the environment's latest again. Views cached
 * by scan id stay correct: ids are never reused, and every page finds its scans in the database first. The
 * audit log keeps what the scan was.
 */
export async function deleteScan(actor: Actor, projectSlug: string, scanId: string) {
  const project = await requireProject(actor, projectSlug, "admin");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const scan = await tx.scan.findFirst({
      where: { id: scanId, projectId: project.id },
      select: {
        id: true,
        takenAt: true,
        source: true,
        tool: true,
        gitRef: true,
        gitCommit: true,
        workloadCount: true,
        environment: { select: { name: true } },
      },
    });
    if (!scan) throw new NotFoundError(`scan "${scanId}"`);
    // The scan's components' runs (ComponentRun), from the run before the scan on, without it.
    const runs = await runsToRecompute(tx, [scan.id]);
    await tx.scan.delete({ where: { id: scan.id } });
    await recomputeComponentRuns(tx, runs);
    const before = {
      environment: scan.environment.name,
      takenAt: scan.takenAt.toISOString(),
      source: scan.source,
      tool: scan.tool,
      gitRef: scan.gitRef,
      gitCommit: scan.gitCommit,
      workloads: scan.workloadCount,
    };
    await writeAudit(tx, actor, {
      projectId: project.id,
      action: "scan.delete",
      target: `scan ${scan.id}`,
      before,
      after: null,
    });
    return { id: scan.id, ...before };
  });
}
