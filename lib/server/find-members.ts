import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { requireProject } from "./require-project";

/** A project's members and their roles: project admins only. */
export async function findMembers(actor: Actor, projectSlug: string) {
  const project = await requireProject(actor, projectSlug, "admin");
  const db = await getDb();
  const members = await db.membership.findMany({
    where: { projectId: project.id },
    orderBy: { createdAt: "asc" },
    select: { role: true, createdAt: true, user: { select: { email: true, name: true } } },
  });
  return members.map((m) => ({ email: m.user.email, name: m.user.name, role: m.role, since: m.createdAt }));
}
