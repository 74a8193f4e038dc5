import "server-only";
import type { StatusCounts } from "@/lib/scanner";
import { getDb } from "./db";

export type ProjectCard = Awaited<ReturnType<typeof findProjects>>[number];

/** Every project with, per environment, its latest scan's time, size and per-control counts. */
export async function findProjects() {
  const db = await getDb();
  const projects = await db.project.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      environments: {
        orderBy: { name: "asc" },
        select: {
          name: true,
          scans: {
            orderBy: { takenAt: "desc" },
            take: 1,
            select: { id: true, takenAt: true, workloadCount: true, summary: true },
          },
        },
      },
    },
  });
  return projects.map((p) => ({
    ...p,
    environments: p.environments.map(({ name, scans: [latest] }) => ({
      name,
      latest: latest
        ? {
            id: latest.id,
            takenAt: latest.takenAt,
            workloads: latest.workloadCount,
            controls: (latest.summary as { controls: Record<string, StatusCounts> }).controls,
          }
        : null,
    })),
  }));
}
