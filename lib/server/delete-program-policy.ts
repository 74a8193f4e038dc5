import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { bumpProgramVersion } from "./program-versions";
import { requireProject } from "./require-project";
import { writeAudit } from "./write-audit";

/** Removes one entry of the program's policy set (editors), audited. */
export async function deleteProgramPolicy(actor: Actor, projectSlug: string, name: string) {
  const project = await requireProject(actor, projectSlug, "edit");
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const key = { projectId_name: { projectId: project.id, name } };
    const before = await tx.programPolicy.findUnique({ where: key });
    if (!before) throw new NotFoundError(`policy ${name}`);
    await tx.programPolicy.delete({ where: key });
    await bumpProgramVersion(tx, project.id, "program");
    await writeAudit(tx, actor, {
      projectId: project.id,
      action: "policy.delete",
      target: `policy ${name}`,
      before: { source: before.source, hash: before.hash },
    });
  });
}
