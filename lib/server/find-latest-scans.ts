import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { requireProject } from "./require-project";

/** Each environment with its newest scan: one probe per environment on the (environmentId, takenAt DESC) index. */
export const LATEST_SCAN_PER_ENVIRONMENT = {
  orderBy: { name: "asc" },
  select: {
    name: true,
    scans: {
      orderBy: { takenAt: "desc" },
      take: 1,
      select: { id: true, takenAt: true, workloadCount: true, errorCount: true, summary: true, gitRef: true },
    },
  },
} as const satisfies Prisma.Project$environmentsArgs;

/** The latest scan of each environment of a project, with its stored summary (per-control counts). */
export async function findLatestScans(actor: Actor, projectSlug: string) {
  const access = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({
    where: { id: access.id },
    select: {
      environments: LATEST_SCAN_PER_ENVIRONMENT,
    },
  });
  return project.environments.map(({ name, scans: [latest] }) => ({
    environment: name,
    latest: latest ?? null,
  }));
}
