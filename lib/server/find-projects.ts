import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StatusCounts } from "@/lib/scanner";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { LATEST_SCAN_PER_ENVIRONMENT } from "./find-latest-scans";

export type ProjectCard = Awaited<ReturnType<typeof findProjects>>[number];

/** The projects an actor may read: public ones, its memberships (all for instance admins), its token's project. */
function visibleTo(actor: Actor): Prisma.ProjectWhereInput {
  switch (actor.kind) {
    case "system":
      return {};
    case "user":
      return actor.instanceAdmin
        ? {}
        : { OR: [{ visibility: "public" }, { memberships: { some: { userId: actor.userId } } }] };
    case "token":
      return actor.scope === "read" ? { id: actor.projectId } : { id: { in: [] } };
    case "anonymous":
      return { visibility: "public" };
  }
}

/** Every project the actor may read with, per environment, its latest scan's time, size and per-control counts. */
export async function findProjects(actor: Actor) {
  const db = await getDb();
  const projects = await db.project.findMany({
    where: visibleTo(actor),
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      environments: LATEST_SCAN_PER_ENVIRONMENT,
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
