import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { requireProject } from "./require-project";

/** The latest scan of each environment of a project, with its stored summary (per-control counts). */
export async function findLatestScans(actor: Actor, projectSlug: string) {
  const access = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({
    where: { id: access.id },
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
  return project.environments.map(({ name, scans: [latest] }) => ({
    environment: name,
    latest: latest ?? null,
  }));
}
