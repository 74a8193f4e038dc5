import "server-only";
import { getDb } from "./db";
import { NotFoundError } from "./errors";

/** The latest scan of each environment of a project, with its stored summary (per-control counts). */
export async function findLatestScans(projectSlug: string) {
  const db = await getDb();
  const project = await db.project.findUnique({
    where: { slug: projectSlug },
    select: {
      environments: {
        orderBy: { name: "asc" },
        select: {
          name: true,
          // Served by the (environmentId, takenAt DESC) index: one index probe per environment.
          scans: {
            orderBy: { takenAt: "desc" },
            take: 1,
            select: {
              id: true,
              takenAt: true,
              workloadCount: true,
              errorCount: true,
              summary: true,
              gitRef: true,
            },
          },
        },
      },
    },
  });
  if (!project) throw new NotFoundError(`project "${projectSlug}"`);
  return project.environments.map(({ name, scans: [latest] }) => ({
    environment: name,
    latest: latest ?? null,
  }));
}
