import "server-only";
import type { UpdateExceptionInput } from "@/lib/validations/exception";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { ensureCustomControls } from "./ensure-custom-controls";
import { ValidationError } from "./errors";
import { environmentIdOf, exceptionView, expiresAtOf, findException } from "./find-exception";
import { bumpProgramVersion } from "./program-versions";
import { requireProject } from "./require-project";
import { syncControlCatalog } from "./sync-control-catalog";
import { writeAudit } from "./write-audit";

/**
 * Changes a stored exception (editors): any of its selector, control, environment, justification, owner or
 * expiry. Extending an expired exception re-activates it; a new expiry date already past is refused.
 */
export async function updateException(
  actor: Actor,
  projectSlug: string,
  exceptionId: string,
  input: UpdateExceptionInput,
) {
  const project = await requireProject(actor, projectSlug, "edit");
  const expiresAt = input.expires === undefined ? undefined : expiresAtOf(input.expires);
  const db = await getDb();
  await syncControlCatalog(db);
  return db.$transaction(async (tx) => {
    const before = await findException(tx, project.id, exceptionId);
    // A new date must be ahead; an expired exception keeps its date while its other fields are corrected.
    const newDate = expiresAt && expiresAt.getTime() !== before.expiresAt?.getTime();
    if (newDate && expiresAt.getTime() + 86_400_000 <= Date.now()) {
      throw new ValidationError("the expiry date is already past", "expires");
    }
    if (input.control !== undefined) await ensureCustomControls(tx, [input.control]);
    const { selector } = input;
    await tx.exception.update({
      where: { id: before.id },
      data: {
        ...(selector
          ? {
              selectorKind: selector.kind ?? null,
              selectorNamespace: selector.namespace ?? null,
              selectorName: selector.name ?? null,
            }
          : {}),
        ...(input.environment !== undefined
          ? { environmentId: await environmentIdOf(tx, project.id, input.environment) }
          : {}),
        ...(input.control !== undefined ? { controlId: input.control } : {}),
        ...(input.justification !== undefined ? { justification: input.justification } : {}),
        ...(input.owner !== undefined ? { owner: input.owner } : {}),
        ...(expiresAt !== undefined ? { expiresAt } : {}),
      },
    });
    const after = exceptionView(await findException(tx, project.id, before.id));
    await bumpProgramVersion(tx, project.id, "exceptions");
    await writeAudit(tx, actor, {
      projectId: project.id,
      action: "exception.update",
      target: `exception ${before.id} (${before.controlId})`,
      before: exceptionView(before),
      after,
    });
    return after;
  });
}
