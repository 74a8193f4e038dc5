import "server-only";
import type { CreateExceptionInput } from "@/lib/validations/exception";
import { type Actor, actorLabel } from "./actor";
import { getDb } from "./db";
import { ensureCustomControls } from "./ensure-custom-controls";
import { ValidationError } from "./errors";
import { environmentIdOf, exceptionView, expiresAtOf, findException } from "./find-exception";
import { bumpProgramVersion } from "./program-versions";
import { requireProject } from "./require-project";
import { syncControlCatalog } from "./sync-control-catalog";
import { writeAudit } from "./write-audit";

/**
 * Documents an exception (editors): it waives its control for the matching components from now on, in the
 * current view of every stored scan and at the ingest of later ones. An expiry date already past is refused.
 */
export async function createException(actor: Actor, projectSlug: string, input: CreateExceptionInput) {
  const project = await requireProject(actor, projectSlug, "edit");
  const expiresAt = expiresAtOf(input.expires ?? null);
  if (expiresAt && expiresAt.getTime() + 86_400_000 <= Date.now()) {
    throw new ValidationError("the expiry date is already past", "expires");
  }
  const db = await getDb();
  await syncControlCatalog(db);
  return db.$transaction(async (tx) => {
    await ensureCustomControls(tx, [input.control]);
    const created = await tx.exception.create({
      data: {
        projectId: project.id,
        environmentId: await environmentIdOf(tx, project.id, input.environment ?? null),
        selectorKind: input.selector.kind ?? null,
        selectorNamespace: input.selector.namespace ?? null,
        selectorName: input.selector.name ?? null,
        controlId: input.control,
        justification: input.justification,
        owner: input.owner,
        expiresAt,
        createdBy: actorLabel(actor),
      },
    });
    const view = exceptionView(await findException(tx, project.id, created.id));
    await bumpProgramVersion(tx, project.id, "exceptions");
    await writeAudit(tx, actor, {
      projectId: project.id,
      action: "exception.create",
      target: `exception ${created.id} (${created.controlId})`,
      before: null,
      after: view,
    });
    return view;
  });
}
