import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { requireProject } from "./require-project";

/** A project's header data: name, description, maturity and environment names. */
export async function findProject(actor: Actor, projectSlug: string) {
  const access = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({
    where: { id: access.id },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      maturityBaseline: true,
      maturityTarget: true,
      environments: { orderBy: { name: "asc" }, select: { name: true, description: true } },
    },
  });
  return { ...project, role: access.role, public: access.public };
}
