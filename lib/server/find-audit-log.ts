import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { requireProject } from "./require-project";

/** A project's audit log, newest first: project admins only. */
export async function findAuditLog(
  actor: Actor,
  projectSlug: string,
  { take = 200 }: { take?: number } = {},
) {
  const project = await requireProject(actor, projectSlug, "admin");
  const db = await getDb();
  return db.auditLog.findMany({
    where: { projectId: project.id },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      createdAt: true,
      actorType: true,
      actorLabel: true,
      action: true,
      target: true,
      before: true,
      after: true,
    },
  });
}
