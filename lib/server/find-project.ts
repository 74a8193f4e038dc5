import "server-only";
import { getDb } from "./db";
import { NotFoundError } from "./errors";

/** A project's header data: name, description, maturity and environment names. */
export async function findProject(projectSlug: string) {
  const db = await getDb();
  const project = await db.project.findUnique({
    where: { slug: projectSlug },
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
  if (!project) throw new NotFoundError(`project "${projectSlug}"`);
  return project;
}
