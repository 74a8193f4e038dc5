import "server-only";
import type { Actor, ProjectRole } from "./actor";
import { getDb } from "./db";
import { NotFoundError, ValidationError } from "./errors";
import { requireProject } from "./require-project";
import { writeAudit } from "./write-audit";

/**
 * Gives an existing account a role on the project (or changes it); `role: null` removes the membership. A program
 * keeps at least one admin: removing or demoting its last one is refused (422), checked under a lock on the
 * program's row so two admins demoting each other at once cannot both succeed.
 */
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
    await tx.$queryRaw`SELECT id FROM "Project" WHERE id = ${project.id} FOR UPDATE`;
    const before = await tx.membership.findUnique({ where: key, select: { role: true } });
    if (before?.role === "admin" && input.role !== "admin") {
      const admins = await tx.membership.count({ where: { projectId: project.id, role: "admin" } });
      if (admins === 1) {
        throw new ValidationError(
          `${email} is the program's last admin: make another member admin first, then ${input.role === null ? "remove" : "change"} this one`,
          "role",
        );
      }
    }
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
