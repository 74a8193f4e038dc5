import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { exceptionView, findException } from "./find-exception";
import { bumpProgramVersion } from "./program-versions";
import { requireProject } from "./require-project";
import { writeAudit } from "./write-audit";

/**
 * Revokes a stored exception (editors): it stops waiving in the current view at once. Scans stored while it was
 * active keep the waiver they recorded (history); the audit log keeps what it said.
 */
export async function deleteException(actor: Actor, projectSlug: string, exceptionId: string) {
  const project = await requireProject(actor, projectSlug, "edit");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await findException(tx, project.id, exceptionId);
    await tx.exception.delete({ where: { id: before.id } });
    const view = exceptionView(before);
    await bumpProgramVersion(tx, project.id, "exceptions");
    await writeAudit(tx, actor, {
      projectId: project.id,
      action: "exception.delete",
      target: `exception ${before.id} (${before.controlId})`,
      before: view,
      after: null,
    });
    return view;
  });
}
