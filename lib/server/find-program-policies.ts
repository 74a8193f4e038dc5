import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { requireProject } from "./require-project";

/** A program's policy set (ValidatingAdmissionPolicies applied to server-side uploads), by name. */
export async function findProgramPolicies(actor: Actor, projectSlug: string) {
  const project = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  return db.programPolicy.findMany({
    where: { projectId: project.id },
    orderBy: { name: "asc" },
    select: { name: true, source: true, text: true, hash: true, createdAt: true, updatedAt: true },
  });
}
