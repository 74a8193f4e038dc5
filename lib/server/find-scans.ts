import "server-only";
import { getDb } from "./db";
import { NotFoundError } from "./errors";

export type ScanListItem = Awaited<ReturnType<typeof findScans>>[number];

/** A project's scans, newest first, optionally of one environment. */
export async function findScans(projectSlug: string, options: { environment?: string; take?: number } = {}) {
  const db = await getDb();
  const project = await db.project.findUnique({ where: { slug: projectSlug }, select: { id: true } });
  if (!project) throw new NotFoundError(`project "${projectSlug}"`);
  return db.scan.findMany({
    where: {
      projectId: project.id,
      ...(options.environment ? { environment: { name: options.environment } } : {}),
    },
    orderBy: { takenAt: "desc" },
    take: options.take ?? 200,
    select: {
      id: true,
      takenAt: true,
      createdAt: true,
      source: true,
      tool: true,
      toolVersion: true,
      gitRef: true,
      gitCommit: true,
      message: true,
      partialEvidence: true,
      workloadCount: true,
      errorCount: true,
      summary: true,
      environment: { select: { name: true } },
    },
  });
}
