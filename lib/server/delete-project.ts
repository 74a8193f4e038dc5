import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { ValidationError } from "./errors";
import { requireProject } from "./require-project";
import { writeAudit } from "./write-audit";

/**
 * Deletes a program with everything it holds (scans, components, roadmap, exceptions, tokens, memberships, its
 * audit log). Program admins only, and only when `confirm` repeats the slug, so a stray request cannot do it.
 * The deletion itself is recorded in the instance's audit log, which outlives the program.
 */
export async function deleteProject(actor: Actor, projectSlug: string, confirm: string) {
  const project = await requireProject(actor, projectSlug, "admin");
  if (confirm !== project.slug) {
    throw new ValidationError(`type the program's slug "${project.slug}" to delete it`, "confirm");
  }
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const deleted = await tx.project.delete({
      where: { id: project.id },
      select: { slug: true, name: true, _count: { select: { scans: true, environments: true } } },
    });
    await writeAudit(tx, actor, {
      projectId: null,
      action: "project.delete",
      target: `project ${deleted.slug}`,
      before: { slug: deleted.slug, name: deleted.name, scans: deleted._count.scans },
      after: null,
    });
  });
}
