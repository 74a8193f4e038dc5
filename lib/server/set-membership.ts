import "server-only";
import type { Actor, ProjectRole } from "./actor";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { requireProject } from "./require-project";
import { writeAudit } from "./write-audit";

/** Gives an existing account a role on the project (or changes it); `role: null` removes the membership. */
export async function setMembership(
  actor: Actor,
  projectSlug: string,
  input: { email: string; role: ProjectRole | null },
) {
  const project = await requireProject(actor, projectSlug, "admin");
  const db = await getDb();
  const email = input.email.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new NotFoundError(`account ${email}`);
  return db.$transaction(async (tx) => {
    const key = { projectId_userId: { projectId: project.id, userId: user.id } };
    const before = await tx.membership.findUnique({ where: key, select: { role: true } });
    if (input.role === null) {
      if (before) await tx.membership.delete({ where: key });
    } else {
      await tx.membership.upsert({
        where: key,
        create: { projectId: project.id, userId: user.id, role: input.role },
        update: { role: input.role },
      });
    }
    await writeAudit(tx, actor, {
      projectId: project.id,
      action: input.role === null ? "member.remove" : "member.set",
      target: `member ${email}`,
      before: before ? { role: before.role } : null,
      after: input.role ? { role: input.role } : null,
    });
    return { email, role: input.role };
  });
}
