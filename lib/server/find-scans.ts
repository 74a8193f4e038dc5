import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { requireProject } from "./require-project";

/** What a list row, and the head of a scan's page, show of a scan. */
export const SCAN_FACTS = {
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
  evidence: true,
  workloadCount: true,
  errorCount: true,
  summary: true,
  environment: { select: { name: true } },
} as const satisfies Prisma.ScanSelect;

export type ScanListItem = Awaited<ReturnType<typeof findScans>>[number];

/** A project's scans, newest first, optionally of one environment. */
export async function findScans(
  actor: Actor,
  projectSlug: string,
  options: { environment?: string; take?: number } = {},
) {
  const project = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  return db.scan.findMany({
    where: {
      projectId: project.id,
      ...(options.environment ? { environment: { name: options.environment } } : {}),
    },
    orderBy: { takenAt: "desc" },
    take: options.take ?? 200,
    select: SCAN_FACTS,
  });
}
